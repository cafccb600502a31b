package io.outpost.api.link;

import java.util.Objects;

import io.outpost.api.upstream.UpstreamMessage;

/**
 * A message on its way out, with the id the outbox gave it and the epoch of the store that gave it. A message
 * sent again after an outage keeps its id and epoch, so HQ can drop duplicates by (client id, epoch, id) and
 * detect a loss by a gap in the ids of one epoch.
 *
 * @param id      the message's id in its store: dense and increasing within one epoch, kept across resends
 * @param epoch   the identity of the store that gave the id: a random number in 1..2<sup>53</sup>-1 made when the
 *                store was created, so ids of a store that was reset (wiped, reinstalled) are never mistaken for
 *                those of its predecessor; {@link #NO_EPOCH} for a message that comes from no store
 * @param message what is sent
 */
public record OutboundMessage(long id, long epoch, UpstreamMessage message) {

    /** The epoch of a message that comes from no store (a test, a sender without an outbox); profiles leave it out. */
    public static final long NO_EPOCH = 0;

    public OutboundMessage {
        Objects.requireNonNull(message, "message");
    }

    /**
     * A message without an epoch ({@link #NO_EPOCH}).
     *
     * @since 1.2
     */
    public OutboundMessage(long id, UpstreamMessage message) {
        this(id, NO_EPOCH, message);
    }

    /** @since 1.2 */
    public boolean hasEpoch() {
        return epoch != NO_EPOCH;
    }
}
