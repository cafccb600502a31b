package io.outpost.filter;

import java.util.Locale;

/** What happens to the readings of a channel no rule applies to. */
public enum DefaultAction {
    /** Every reading goes upstream as TELEMETRY, as if there were no filter. */
    PASS_ALL,
    /** Nothing goes upstream (the readings are counted as suppressed). */
    DROP_ALL;

    public static DefaultAction parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "pass-all", "" -> PASS_ALL;
            case "drop-all" -> DROP_ALL;
            default -> throw new IllegalArgumentException("defaultAction '" + text + "' is not pass-all or drop-all");
        };
    }
}
