package io.outpost.codec.compact;

import java.nio.ByteBuffer;

/** The frame layout's constants and the nonce; see {@code docs/protocol.md}, "Compact frames". */
public final class Frames {

    /** The only format version this codec writes and reads. */
    public static final int VERSION = 1;
    /** version (1) + gateway id (4) + sequence (4), sent in clear and authenticated. */
    public static final int HEADER_BYTES = 9;
    /** The AES-GCM tag. */
    public static final int TAG_BYTES = 16;
    /** Everything a frame adds to its body. */
    public static final int OVERHEAD_BYTES = HEADER_BYTES + TAG_BYTES;

    private Frames() {
    }

    /**
     * direction (1) | bearer (1) | 0 (2) | gateway id (4) | sequence (4): unique per key as long as sequences never
     * repeat per direction and bearer.
     */
    static byte[] nonce(Direction direction, Bearer bearer, long gatewayId, long sequence) {
        return ByteBuffer.allocate(12).put((byte) direction.code()).put((byte) bearer.code()).put(new byte[2])
            .putInt((int) gatewayId).putInt((int) sequence).array();
    }

    /** The largest body a frame of {@code frameBytes} can carry. */
    public static int bodyCapacity(int frameBytes) {
        return Math.max(0, frameBytes - OVERHEAD_BYTES);
    }
}
