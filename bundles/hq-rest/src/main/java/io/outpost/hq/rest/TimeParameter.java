package io.outpost.hq.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time given in a query parameter: an ISO-8601 instant ({@code 2026-06-01T10:00:00Z}), {@code now}, or a
 * duration before now ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}).
 */
final class TimeParameter {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    private TimeParameter() {
    }

    static Instant parse(String name, String value, Instant now, Instant fallback) throws BadParameter {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.equals("now")) {
            return now;
        }
        Matcher m = AGO.matcher(value);
        if (m.matches()) {
            return now.minus(duration(Long.parseLong(m.group(1)), m.group(2)));
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "'" + name + "' " + shown(value)
                    + " is neither an ISO-8601 instant (2026-06-01T10:00:00Z), 'now', nor a duration ago (90s, 15m, 1h, 7d)");
        }
    }

    private static Duration duration(long n, String unit) {
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** A parameter value as it may be echoed in an error: short, printable. */
    static String shown(String value) {
        String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + v.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    static int positive(String name, String value, int fallback, int max) throws BadParameter {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameter(name, "'" + name + "' " + shown(value) + " must be a whole number from 1 to " + max);
    }
}
