package io.outpost.api.profile;

import java.util.Objects;

/** A message ready for MQTT: full topic, payload bytes, QoS and retain flag. */
public record EncodedMessage(String topic, byte[] payload, int qos, boolean retained) {

    public EncodedMessage {
        Objects.requireNonNull(topic, "topic");
        payload = Objects.requireNonNull(payload, "payload").clone();
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2");
        }
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
