package io.outpost.profile.kura;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.outpost.api.data.Value;

/**
 * One KuraPayload before encoding: when it speaks of, where (optional), typed metrics in order, and an
 * optional body (empty when none). Metrics without a name or a value are dropped here, so that one odd entry
 * cannot make a message unencodable (and stick in the outbox for ever).
 */
record KuraPayload(long timestamp, KuraPosition position, Map<String, Value> metrics, byte[] body) {

    KuraPayload {
        Map<String, Value> kept = new LinkedHashMap<>();
        Objects.requireNonNull(metrics, "metrics").forEach((name, value) -> {
            if (name != null && value != null) {
                kept.put(name, value);
            }
        });
        metrics = Collections.unmodifiableMap(kept);
        body = body == null ? new byte[0] : body.clone();
    }

    KuraPayload(long timestamp, Map<String, Value> metrics) {
        this(timestamp, null, metrics, null);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    boolean hasBody() {
        return body.length > 0;
    }
}
