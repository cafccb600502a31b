package io.outpost.codec.compact;

/**
 * Which way a frame travels. Part of the nonce, so the gateway's and HQ's frames under one key and the same
 * sequence number never share a nonce. Stable codes, never ordinals.
 */
public enum Direction {
    /** Gateway to HQ (SMS to HQ's number, SBD mobile-originated). */
    UPLINK(0x01),
    /** HQ to gateway (SMS from HQ's number, SBD mobile-terminated). */
    DOWNLINK(0x02);

    private final int code;

    Direction(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
