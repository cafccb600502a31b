package io.outpost.api.hq;

/**
 * What HQ knows of a gateway's connection, in stable codes: {@link #ONLINE} after a birth or data,
 * {@link #OFFLINE} after a DC or LWT, {@link #UNKNOWN} when it has been silent longer than the registry allows
 * without saying goodbye.
 */
public enum GatewayState {
    ONLINE("online"), OFFLINE("offline"), UNKNOWN("unknown");

    private final String code;

    GatewayState(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static GatewayState ofCode(String code) {
        for (GatewayState s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown gateway state code '" + code + "'");
    }
}
