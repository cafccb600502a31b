package io.outpost.outbox;

import io.outpost.api.upstream.MessageClass;

/**
 * How many bytes of accepted records may wait in memory for the disk (a slow or full one), by class: new
 * telemetry is refused first, then events, lifecycle and replies; an alarm only when even its own, larger
 * allowance is used up, since running the gateway out of heap would lose every alarm it holds. The defaults
 * stay a small part of a 64 MB heap.
 */
record UnwrittenLimit(long telemetry, long others, long alarms) {

    static final UnwrittenLimit DEFAULT = new UnwrittenLimit(4L << 20, 6L << 20, 8L << 20);

    UnwrittenLimit {
        if (telemetry <= 0 || others < telemetry || alarms < others) {
            throw new IllegalArgumentException("unwritten limits must grow from telemetry to alarms: " + telemetry + ", " + others + ", " + alarms);
        }
    }

    long of(MessageClass c) {
        return switch (c) {
            case TELEMETRY -> telemetry;
            case ALARM -> alarms;
            default -> others;
        };
    }
}
