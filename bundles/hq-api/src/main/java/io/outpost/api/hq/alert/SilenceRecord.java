package io.outpost.api.hq.alert;

import java.time.Instant;

/**
 * Planned maintenance: while {@code from <= now < until}, alerts of rule {@code rule} ({@code *}: every rule) whose
 * subject starts with {@code subjectPrefix} (empty: every subject) send no notifications.
 */
public record SilenceRecord(long id, String rule, String subjectPrefix, Instant from, Instant until, String reason,
        String createdBy) {
}
