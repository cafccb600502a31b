package io.outpost.outbox;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused alarms at WARN, at most once per {@link #PERIOD_MILLIS}, with the number refused since the last
 * line: an operator learns that alarms are being refused and why, without one line per alarm. Thread-safe.
 */
final class RefusedAlarmLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusedAlarmLog.class);
    static final long PERIOD_MILLIS = 10_000;

    private final Clock clock;
    private long lastLogged = Long.MIN_VALUE;
    private long unlogged;

    RefusedAlarmLog(Clock clock) {
        this.clock = clock;
    }

    /** An alarm on this topic was refused for this reason; returns whether this call logged. */
    synchronized boolean refused(String topic, String reason) {
        unlogged++;
        long now = clock.millis();
        if (lastLogged != Long.MIN_VALUE && now - lastLogged < PERIOD_MILLIS) {
            return false;
        }
        LOG.warn("outbox refused {} alarm(s), the last on {}: {}; the sender keeps them", unlogged, topic, reason);
        lastLogged = now;
        unlogged = 0;
        return true;
    }
}
