package io.outpost.api.hq;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway in the fleet registry: its state and when it last said anything, its last lifecycle event, its profile
 * (from the birth's {@code payload_encoding}), the metrics of its last birth and its application ids.
 */
public record GatewayRecord(GatewayId id, GatewayState state, Instant lastSeen, Optional<LifecycleEvent> lastEvent,
        Optional<Instant> lastBirth, String profile, Map<String, String> birthMetrics, List<String> applicationIds) {

    public GatewayRecord {
        birthMetrics = Map.copyOf(birthMetrics);
        applicationIds = List.copyOf(applicationIds);
    }
}
