package io.outpost.api.link;

/**
 * A link cannot carry this message because it is larger than the link or its far end accepts. The failure
 * belongs to the message on that link only: the link itself stays usable, and sending the same message
 * again on the same link fails again. A router may try a link with a larger limit; with none, the message
 * cannot be delivered as it is.
 *
 * <p>It is an {@link IllegalArgumentException} because the message, not the link's state, is at fault.
 */
public class MessageTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String link;
    private final long messageBytes;
    private final long limitBytes;

    /**
     * @param link         the id of the link that refuses the message
     * @param messageBytes the size of the encoded message
     * @param limitBytes   the largest size the link knows it can carry (may be below the configured limit
     *                     when the far end showed it accepts less)
     * @param detail       why, for operators; may be empty
     */
    public MessageTooLargeException(String link, long messageBytes, long limitBytes, String detail) {
        super("link '" + link + "' cannot carry a " + messageBytes + "-byte message (limit " + limitBytes + " bytes)"
            + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.link = link;
        this.messageBytes = messageBytes;
        this.limitBytes = limitBytes;
    }

    /** The id of the link that refused the message. */
    public String link() {
        return link;
    }

    /** The size of the encoded message in bytes. */
    public long messageBytes() {
        return messageBytes;
    }

    /** The limit the message exceeded, in bytes. */
    public long limitBytes() {
        return limitBytes;
    }
}
