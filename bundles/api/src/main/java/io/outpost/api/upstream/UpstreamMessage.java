package io.outpost.api.upstream;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.outpost.api.data.Value;

/**
 * One message for HQ, independent of the wire format: the cloud profile turns it into a topic and a
 * payload. Immutable.
 *
 * @param messageClass why it is sent
 * @param topic        the application topic, relative to the gateway (e.g. {@code data/boiler}); the
 *                     profile prefixes account and client id
 * @param timestamp    epoch millis the message speaks of
 * @param metrics      named typed values, in insertion order
 * @param body         optional opaque body, empty when none
 */
public record UpstreamMessage(MessageClass messageClass, String topic, long timestamp, Map<String, Value> metrics, byte[] body) {

    public UpstreamMessage {
        Objects.requireNonNull(messageClass, "messageClass");
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty() || topic.startsWith("/") || topic.contains("#") || topic.contains("+")) {
            throw new IllegalArgumentException("invalid application topic '" + topic + "'");
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        body = body == null ? new byte[0] : body.clone();
    }

    public UpstreamMessage(MessageClass messageClass, String topic, long timestamp, Map<String, Value> metrics) {
        this(messageClass, topic, timestamp, metrics, null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }
}
