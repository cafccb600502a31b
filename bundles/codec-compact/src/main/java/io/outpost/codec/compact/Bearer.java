package io.outpost.codec.compact;

/**
 * Which network carries a frame. Part of the nonce beside the {@link Direction}: the SMS and SBD links of one
 * gateway share its key but count their sequences apart, so without it their frames could share a nonce. Each
 * bearer has its own sequence and its own replay window. Stable codes.
 */
public enum Bearer {
    SATELLITE(0x01),
    SMS(0x02);

    private final int code;

    Bearer(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
