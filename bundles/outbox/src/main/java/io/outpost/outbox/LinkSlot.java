package io.outpost.outbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.outbox.LinkReport;

/** One bound link and what the outbox counts about it: its window use, deliveries, failures, a pause after a failure. */
final class LinkSlot {

    final String name;
    final Link link;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    /** Messages the link said do not fit it (kept for another link). */
    final AtomicLong refused = new AtomicLong();
    private volatile long pausedUntilNanos;
    private AutoCloseable stateWatch;

    LinkSlot(String name, Link link) {
        this.name = name;
        this.link = link;
    }

    void watch(AutoCloseable handle) {
        this.stateWatch = handle;
    }

    void unwatch() {
        try {
            if (stateWatch != null) {
                stateWatch.close();
            }
        } catch (Exception ignored) {
            // the link is going away anyway
        }
    }

    /** Up or degraded: a delivery may be tried. */
    boolean carries() {
        try {
            LinkState s = link.state();
            return s != null && s.carries();
        } catch (RuntimeException e) {
            return false;
        }
    }

    int maxMessageBytes() {
        try {
            return link.maxMessageBytes();
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    int window() {
        try {
            return Math.max(1, link.maxInFlight());
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** Claims up to {@code wanted} places in the window; returns how many it got. */
    int reserve(int wanted) {
        while (true) {
            int current = inFlight.get();
            int free = window() - current;
            if (free <= 0) {
                return 0;
            }
            int n = Math.min(wanted, free);
            if (inFlight.compareAndSet(current, current + n)) {
                return n;
            }
        }
    }

    /** Gives back places claimed and not used. */
    void unreserve(int unused) {
        if (unused > 0) {
            inFlight.addAndGet(-unused);
        }
    }

    void pause(long nanos) {
        pausedUntilNanos = System.nanoTime() + nanos;
    }

    void resume() {
        pausedUntilNanos = 0;
    }

    boolean paused() {
        long until = pausedUntilNanos;
        return until != 0 && System.nanoTime() - until < 0;
    }

    LinkReport report() {
        LinkStatus status;
        try {
            status = link.status();
        } catch (RuntimeException e) {
            status = new LinkStatus(LinkState.DOWN, 0, 0);
        }
        return new LinkReport(name, status, inFlight.get(), window(), delivered.get(), failed.get());
    }
}
