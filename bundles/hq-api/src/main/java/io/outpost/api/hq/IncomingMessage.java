package io.outpost.api.hq;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A data or alarm message that ingest accepted: who sent it, on which device topic, its de-duplication key
 * (epoch and message id; the epoch is absent for a sender without a store) and what it said.
 */
public record IncomingMessage(GatewayId gateway, String device, MessageClass messageClass, OptionalLong epoch,
        OptionalLong msgid, Instant receivedAt, DecodedPayload payload) {

    public IncomingMessage {
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(messageClass, "messageClass");
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(msgid, "msgid");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** The time the gateway gave the message, else when HQ received it. */
    public Instant time() {
        return payload.timestamp().orElse(receivedAt);
    }
}
