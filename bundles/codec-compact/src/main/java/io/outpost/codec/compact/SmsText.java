package io.outpost.codec.compact;

import java.util.Base64;
import java.util.Optional;

/**
 * A frame as the text of one SMS: {@code OP1:} followed by the frame in base64 without padding (every character
 * is in the GSM 7-bit default alphabet, one septet each). 160 characters carry a frame of up to 117 bytes, so a
 * body of up to 92 bytes.
 */
public final class SmsText {

    public static final String PREFIX = "OP1:";
    public static final int MAX_CHARS = 160;
    /** The largest frame one SMS carries: floor((160 - 4) * 3 / 4). */
    public static final int MAX_FRAME_BYTES = (MAX_CHARS - PREFIX.length()) * 3 / 4;

    private SmsText() {
    }

    public static String encode(byte[] frame) {
        if (frame.length > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("a " + frame.length + "-byte frame does not fit one SMS (" + MAX_FRAME_BYTES + " bytes)");
        }
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(frame);
    }

    /** The frame in {@code text}, or empty when the text is not one of ours (a person's SMS, an operator's notice). */
    public static Optional<byte[]> decode(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.startsWith(PREFIX) || t.length() > MAX_CHARS) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(t.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
