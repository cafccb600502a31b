package io.outpost.api.hq;

/**
 * What a stored message was, in stable codes (the {@link #code()} is what the database holds). The wire tells an
 * alarm by its topic ({@code alarms/<device>}); data messages do not say whether they carry events or telemetry
 * (docs/protocol.md), so they are {@link #DATA} unless a metric {@code outpost.class} says {@code EVENT} or
 * {@code TELEMETRY}.
 */
public enum MessageClass {
    ALARM("alarm"), EVENT("event"), TELEMETRY("telemetry"), DATA("data");

    private final String code;

    MessageClass(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static MessageClass ofCode(String code) {
        for (MessageClass c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown message class code '" + code + "'");
    }
}
