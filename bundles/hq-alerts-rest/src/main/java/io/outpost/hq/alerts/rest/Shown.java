package io.outpost.hq.alerts.rest;

/** A value from a request as it may be echoed in an error: quoted, short, printable. */
final class Shown {

    private Shown() {
    }

    static String of(String value) {
        if (value == null) {
            return "(none)";
        }
        String v = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + v.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }
}
