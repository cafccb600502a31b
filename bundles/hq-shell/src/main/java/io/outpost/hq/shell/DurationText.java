package io.outpost.hq.shell;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads operator durations: {@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}. */
final class DurationText {

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,6})([smhd])");

    private DurationText() {
    }

    static Duration parse(String text, String option) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a duration like 90s, 15m, 1h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
