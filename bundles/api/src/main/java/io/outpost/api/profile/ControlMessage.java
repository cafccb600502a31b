package io.outpost.api.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.outpost.api.data.Value;

/**
 * A message that arrived on the gateway's control filter, decoded by its cloud profile. Immutable.
 *
 * @param topic   the topic below the gateway's own control root, e.g. {@code ASSET-V1/EXEC/read} for
 *                {@code $EDC/acme/gw-1/ASSET-V1/EXEC/read}
 * @param metrics the payload's named typed values
 * @param body    the payload's body, empty when none
 * @since 1.2
 */
public record ControlMessage(String topic, Map<String, Value> metrics, byte[] body) {

    public ControlMessage {
        Objects.requireNonNull(topic, "topic");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
