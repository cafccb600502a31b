package io.outpost.api.outbox;

import java.util.Objects;

import io.outpost.api.link.LinkStatus;

/**
 * One link as the outbox sees it.
 *
 * @param link          the link's {@code outpost.link} name
 * @param status        what the link says about itself (state, its own in-flight count, reconnects)
 * @param outboxInFlight deliveries the outbox handed to this link and awaits (at most the link's window)
 * @param maxInFlight   the link's window
 * @param delivered     deliveries this link confirmed
 * @param failed        deliveries that failed or timed out on this link (the messages were kept)
 */
public record LinkReport(String link, LinkStatus status, int outboxInFlight, int maxInFlight, long delivered, long failed) {

    public LinkReport {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(status, "status");
    }
}
