package io.outpost.hq.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs each kind of problem at most once per interval: the first occurrence at once, then one line per interval
 * with how many more there were and the latest example. Nothing is logged per message.
 */
final class ProblemLog {

    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        long start;
        long suppressed;
        String latest;

        Window(long start) {
            this.start = start;
        }
    }

    ProblemLog(Logger log, long intervalMillis, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nanoTime = nanoTime;
    }

    /** Reports one occurrence; returns true when this call wrote a log line. */
    boolean report(String kind, String example) {
        long now = nanoTime.getAsLong();
        Window w = windows.get(kind);
        if (w == null) {
            Window created = new Window(now);
            if (windows.putIfAbsent(kind, created) == null) {
                log.warn("ingest: {}: {} (further ones are summed up every {} s)", kind, example, intervalNanos / 1_000_000_000L);
                return true;
            }
            w = windows.get(kind);
        }
        synchronized (w) {
            if (now - w.start < intervalNanos) {
                w.suppressed++;
                w.latest = example;
                return false;
            }
            long more = w.suppressed + 1;
            w.start = now;
            w.suppressed = 0;
            w.latest = null;
            log.warn("ingest: {}: {} since the last report, latest: {}", kind, more, example);
            return true;
        }
    }
}
