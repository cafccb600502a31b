package io.outpost.device.shell;

import io.outpost.api.data.Reading;

/** How a reading's value and age read on a terminal. */
final class ReadingText {

    private ReadingText() {
    }

    static String value(Reading reading) {
        return reading == null || reading.value() == null ? "-" : reading.value().toString();
    }

    /** "850 ms", "12 s", "5 min", "3 h", "2 d"; "-" when never read. */
    static String age(Reading reading, long nowMillis) {
        if (reading == null) {
            return "-";
        }
        long millis = Math.max(0, nowMillis - reading.timestamp());
        if (millis < 1_000) {
            return millis + " ms";
        }
        long seconds = millis / 1_000;
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h" : hours / 24 + " d";
    }
}
