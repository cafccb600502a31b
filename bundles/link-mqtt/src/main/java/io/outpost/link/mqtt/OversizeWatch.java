package io.outpost.link.mqtt;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import io.outpost.api.link.MessageTooLargeException;

/**
 * Learns that the broker cuts the connection over one message, so the link stops sending it instead of
 * reconnecting for ever (Mosquitto's {@code max_packet_size} disconnects a client that publishes a larger packet;
 * the outbox would send the same message again after every reconnect).
 *
 * <p>The suspect of a connection loss is the largest outbox message still unconfirmed, provided it is larger than
 * any message the broker has confirmed. When the same message is the suspect of {@code lossesToRefuse}
 * consecutive losses, its size counts as too large: it and anything at least as large are refused from then on
 * (for the life of the link component; a new configuration starts again). A flaky network rarely drops the
 * connection that many times in a row with the same, never-seen size on the wire.
 */
final class OversizeWatch {

    /** One unconfirmed outbox message at the moment a connection was lost. */
    record InFlight(long outboxId, int bytes) {
    }

    private final String linkId;
    private final int lossesToRefuse;
    private long largestConfirmed;
    private long suspectId = -1;
    private int suspectBytes;
    private int losses;
    private long tooLargeFrom = Long.MAX_VALUE;

    OversizeWatch(String linkId, int lossesToRefuse) {
        this.linkId = linkId;
        this.lossesToRefuse = lossesToRefuse;
    }

    synchronized void confirmed(int bytes) {
        largestConfirmed = Math.max(largestConfirmed, bytes);
    }

    /** Notes a connection loss and what was unconfirmed then; losses with nothing of the outbox in flight say nothing. */
    synchronized void connectionLost(Collection<InFlight> unconfirmed) {
        Optional<InFlight> largest = unconfirmed.stream().filter(f -> f.outboxId() >= 0).max(Comparator.comparingInt(InFlight::bytes));
        if (largest.isEmpty()) {
            return;
        }
        InFlight suspect = largest.get();
        if (suspect.bytes() <= largestConfirmed) {
            suspectId = -1;
            losses = 0;
        } else if (suspect.outboxId() == suspectId) {
            losses++;
        } else {
            suspectId = suspect.outboxId();
            suspectBytes = suspect.bytes();
            losses = 1;
        }
        if (suspectId >= 0 && losses >= lossesToRefuse) {
            tooLargeFrom = Math.min(tooLargeFrom, suspectBytes);
        }
    }

    /** The refusal for a message of this size, when the broker has shown it cuts the connection over such sizes. */
    synchronized Optional<MessageTooLargeException> refusal(int bytes) {
        if (bytes < tooLargeFrom) {
            return Optional.empty();
        }
        return Optional.of(new MessageTooLargeException(linkId, bytes, tooLargeFrom - 1, "the broker closed the connection "
            + lossesToRefuse + " times in a row while a " + tooLargeFrom + "-byte message was unconfirmed, and it never confirmed one "
            + "larger than " + largestConfirmed + " bytes; set maxMessageBytes to the broker's limit"));
    }
}
