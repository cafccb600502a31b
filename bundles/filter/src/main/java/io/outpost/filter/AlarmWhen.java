package io.outpost.filter;

import java.util.Locale;

/** For a boolean channel: which value is the alarm. */
public enum AlarmWhen {
    NONE, TRUE, FALSE;

    static AlarmWhen parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "none" -> NONE;
            case "true" -> TRUE;
            case "false" -> FALSE;
            default -> throw new IllegalArgumentException("'" + text + "' is not one of none, true, false");
        };
    }
}
