package io.outpost.api.link;

import java.util.Objects;

import io.outpost.api.upstream.UpstreamMessage;

/**
 * A message on its way out, with the id the outbox gave it. A message sent again after an outage keeps its
 * id, so HQ can drop duplicates.
 */
public record OutboundMessage(long id, UpstreamMessage message) {

    public OutboundMessage {
        Objects.requireNonNull(message, "message");
    }
}
