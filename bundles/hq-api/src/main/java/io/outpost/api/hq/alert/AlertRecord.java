package io.outpost.api.hq.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * One episode of a rule for one subject ({@code account/client-id}, or {@code account/client-id/device/channel}, or a
 * due date for a calendar rule). {@code detail} is the value or alarm text that made it fire.
 */
public record AlertRecord(long id, String rule, String subject, AlertState state, Instant firedAt,
        Optional<Instant> resolvedAt, Optional<Instant> acknowledgedAt, Optional<String> acknowledgedBy,
        Optional<Instant> escalatedAt, String detail) {
}
