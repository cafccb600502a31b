package io.outpost.hq.alerts.rest;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration as rule files and the console write it: {@code 90s}, {@code 15m}, {@code 2h}, {@code 7d}. */
final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private Durations() {
    }

    static Duration parse(String field, String text) throws BadRequest {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw BadRequest.field(field, "'" + field + "' " + Shown.of(text) + " is not a duration above zero (90s, 15m, 2h, 7d)");
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
