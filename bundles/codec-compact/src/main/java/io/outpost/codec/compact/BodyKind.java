package io.outpost.codec.compact;

/** The first byte of every body. Stable codes. */
public enum BodyKind {
    /** One upstream message: class, topic, time, named metrics ({@link MessageBody}). */
    MESSAGE(0x01),
    /** Readings against a channel table known by hash ({@link ReadingBatch}). */
    READINGS(0x02),
    /** A channel table itself, so HQ learns it over the same link ({@link ChannelTable}). */
    CHANNEL_TABLE(0x03),
    /** A command from HQ as UTF-8 text ({@link MessageBody#command}). */
    COMMAND(0x10);

    private final int code;

    BodyKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BodyKind of(byte[] body) {
        if (body.length == 0) {
            throw new MalformedBodyException("empty body");
        }
        int code = body[0] & 0xFF;
        for (BodyKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new MalformedBodyException("unknown body kind " + code);
    }
}
