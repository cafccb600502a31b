package io.outpost.api.link;

/**
 * What a link would put on the wire for one message, known before it is sent: bytes in all, and in how many of the
 * link's own messages (MQTT publishes, SMS, SBD sessions) when it splits or packs. A router prices a delivery with
 * it ({@link LinkCost#of(WireSize)}) and accounts it after confirmation.
 *
 * @param bytes bytes on the wire, at least 0
 * @param parts the link's messages it takes, at least 1
 * @since 1.4
 */
public record WireSize(long bytes, int parts) {

    public WireSize {
        if (bytes < 0 || parts < 1) {
            throw new IllegalArgumentException("wire size " + bytes + " bytes in " + parts + " parts");
        }
    }

    /** One message of {@code bytes}. */
    public static WireSize of(long bytes) {
        return new WireSize(bytes, 1);
    }
}
