package io.outpost.api.hq;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a decoder read from one payload: its timestamp (when it has one) and its metrics, in order. */
public record DecodedPayload(Optional<Instant> timestamp, List<Metric> metrics) {

    public DecodedPayload {
        metrics = List.copyOf(metrics);
    }

    /** The first metric of that name. */
    public Optional<Metric> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A metric that must be a whole number (INT64, INT32, or a JSON number without a fraction). */
    public Optional<Long> whole(String name) {
        return metric(name).map(Metric::value).flatMap(v -> {
            if (v instanceof Long || v instanceof Integer) {
                return Optional.of(((Number) v).longValue());
            }
            if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
                return Optional.of(d.longValue());
            }
            return Optional.empty();
        });
    }
}
