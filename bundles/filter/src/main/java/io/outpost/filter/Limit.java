package io.outpost.filter;

import java.util.Locale;

/** Which limit an alarm is about; its lower-case name is the {@code limit} metric of an alarm message. */
public enum Limit {
    HIGH, LOW, TRUE, FALSE;

    /** The name on the wire: "high", "low", "true", "false". */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Limit parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
