package io.outpost.api.hq.alert;

/** An alert's state, stored as its {@link #code()}. */
public enum AlertState {
    FIRING("firing"),
    RESOLVED("resolved");

    private final String code;

    AlertState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static AlertState ofCode(String code) {
        for (AlertState s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown alert state " + code);
    }
}
