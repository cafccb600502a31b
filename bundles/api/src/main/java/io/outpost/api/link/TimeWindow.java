package io.outpost.api.link;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A daily time window in the gateway's local time, {@code from} inclusive, {@code to} exclusive; a window whose end
 * is before its start runs over midnight ({@code 22:00-06:00}). Written {@code HH:MM-HH:MM}.
 *
 * @since 1.4
 */
public record TimeWindow(LocalTime from, LocalTime to) {

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.equals(to)) {
            throw new IllegalArgumentException("time window " + from + "-" + to + " is empty");
        }
    }

    public boolean contains(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** @throws IllegalArgumentException when {@code text} is not {@code HH:MM-HH:MM} */
    public static TimeWindow parse(String text) {
        String t = text == null ? "" : text.trim();
        int dash = t.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("time window '" + t + "' is not HH:MM-HH:MM");
        }
        try {
            return new TimeWindow(LocalTime.parse(t.substring(0, dash).trim()), LocalTime.parse(t.substring(dash + 1).trim()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time window '" + t + "' is not HH:MM-HH:MM");
        }
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
