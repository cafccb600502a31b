package io.outpost.api.link;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transport to HQ, registered as a service with the {@link #ID} property (e.g. {@code wired}).
 * Implementations never block the caller on the network.
 */
@ConsumerType
public interface Link {

    /** Service property naming the link. */
    String ID = "outpost.link";

    LinkState state();

    /** How many deliveries may be unconfirmed at once on this link. */
    int maxInFlight();

    /** The largest encoded message the link can carry, in bytes; {@link Integer#MAX_VALUE} when unbounded. */
    default int maxMessageBytes() {
        return Integer.MAX_VALUE;
    }

    /**
     * What this link would send for the message, computed without sending (the profile's or the compact encoding,
     * split into parts where the link splits), so a router knows the size and the price before it chooses.
     * Empty when the link cannot tell.
     *
     * @throws DoesNotFitException when the link cannot carry the message (too large even split, class not allowed)
     * @since 1.4
     */
    default java.util.Optional<WireSize> wireSize(OutboundMessage message) {
        return java.util.Optional.empty();
    }

    /**
     * Sends one message. The stage completes normally once the far end confirmed it (an MQTT QoS 1 PUBACK,
     * an SBD mobile-originated success). It fails with a {@link DoesNotFitException} (or a
     * {@link MessageTooLargeException}) when this link cannot carry the message: the caller keeps it for another
     * link. Any other failure means this attempt failed: the caller keeps the message and tries again later.
     */
    CompletionStage<Void> deliver(OutboundMessage message);

    /**
     * The link's own view of itself for operators. The default knows only the state; links that count
     * unconfirmed deliveries and reconnects override it.
     *
     * @since 1.1
     */
    default LinkStatus status() {
        return new LinkStatus(state(), 0, 0);
    }

    /** Calls the listener (on any thread) whenever the state changes; returns a handle that stops it. */
    AutoCloseable onStateChange(Runnable listener);
}
