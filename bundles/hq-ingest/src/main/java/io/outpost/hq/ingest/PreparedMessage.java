package io.outpost.hq.ingest;

import java.time.Instant;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.LifecycleEvent;

/**
 * One MQTT message after routing, limits and decoding, before the store: either already decided ({@link Done}:
 * rejected, ignored, malformed, ...), a data or alarm message to store, or a lifecycle event for the registry.
 */
sealed interface PreparedMessage {

    record Done(IngestOutcome outcome) implements PreparedMessage {
    }

    record Data(IncomingMessage message) implements PreparedMessage {
    }

    record Lifecycle(GatewayId gateway, LifecycleEvent event, DecodedPayload payload, Instant receivedAt) implements PreparedMessage {
    }
}
