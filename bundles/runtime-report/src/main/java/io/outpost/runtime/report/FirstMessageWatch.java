package io.outpost.runtime.report;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.outbox.OutboxStatistics;

/**
 * Notes when the outbox first hands a message to a link (one in flight or already confirmed) and when a link first
 * confirms one, as milliseconds since the JVM started, and logs both once. Only the start-up report's thread calls it.
 */
final class FirstMessageWatch {

    private static final Logger LOG = LoggerFactory.getLogger(FirstMessageWatch.class);
    private static final long POLL_MILLIS = 25;

    private final Supplier<OutboxStatistics> outbox;
    private long handedAt = -1;
    private long confirmedAt = -1;

    FirstMessageWatch(Supplier<OutboxStatistics> outbox) {
        this.outbox = outbox;
    }

    static long uptimeMillis() {
        return ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** Looks once; true when both moments are known. */
    boolean check() {
        if (confirmedAt >= 0) {
            return true;
        }
        OutboxStatistics statistics = outbox.get();
        if (statistics == null) {
            return false;
        }
        OutboxSnapshot snapshot = statistics.snapshot();
        long now = uptimeMillis();
        if (handedAt < 0 && (snapshot.inFlight() > 0 || snapshot.delivered() > 0)) {
            handedAt = now;
        }
        if (snapshot.delivered() > 0) {
            confirmedAt = now;
        }
        return confirmedAt >= 0;
    }

    /** Keeps looking until a link confirmed a message or the deadline passed, then logs what it saw. */
    void awaitAndReport(long giveUpMillis) {
        long deadline = uptimeMillis() + giveUpMillis;
        try {
            while (!check() && uptimeMillis() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (confirmedAt >= 0) {
            LOG.info("Outpost: first reading handed to the link {} ms after JVM start, confirmed by it at {} ms",
                handedAt, confirmedAt);
        } else {
            LOG.info("Outpost: no reading reached a link in the first {} s (is a link configured and up?)",
                giveUpMillis / 1000);
        }
    }
}
