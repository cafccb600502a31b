package io.outpost.api.filter;

/**
 * Counters over all channels.
 *
 * @param readingsIn        readings the filter received
 * @param alarms            alarm transitions sent (one message each)
 * @param events            values and quality changes sent as EVENT
 * @param telemetry         values sent as TELEMETRY
 * @param suppressed        readings that produced nothing
 * @param alarmMessages     ALARM messages handed to the upstream
 * @param eventMessages     EVENT messages handed to the upstream (one per device poll that had events)
 * @param telemetryMessages TELEMETRY messages handed to the upstream
 * @param refused           messages the upstream did not make durable (refused or dropped), or that could not be
 *                          built (a device name that is not a valid topic level); a refused ALARM is counted at
 *                          each attempt and retried
 * @param bytesUnfiltered   estimated bytes of the messages an unfiltered gateway would have sent: one message per
 *                          device poll with every reading
 * @param bytesFiltered     estimated bytes of the messages the filter sent
 * @param alarmsPending     alarm transitions not yet acknowledged durable (in flight or waiting for a retry)
 * @param held              EVENT and TELEMETRY messages held because no upstream is bound (sent when one is)
 * @param overflowed        messages dropped because the hold was full while no upstream was bound
 * @param pruned            channels forgotten because their device went away
 */
public record FilterTotals(long readingsIn, long alarms, long events, long telemetry, long suppressed,
        long alarmMessages, long eventMessages, long telemetryMessages, long refused,
        long bytesUnfiltered, long bytesFiltered, long alarmsPending, long held, long overflowed, long pruned) {

    /** The counters of version 1.0, with nothing pending, held, overflowed or pruned. */
    public FilterTotals(long readingsIn, long alarms, long events, long telemetry, long suppressed,
            long alarmMessages, long eventMessages, long telemetryMessages, long refused,
            long bytesUnfiltered, long bytesFiltered) {
        this(readingsIn, alarms, events, telemetry, suppressed, alarmMessages, eventMessages, telemetryMessages, refused,
            bytesUnfiltered, bytesFiltered, 0, 0, 0, 0);
    }

    /** The share of bytes saved, 0..1 (0 when nothing came in). */
    public double savedRatio() {
        return bytesUnfiltered == 0 ? 0 : 1.0 - (double) bytesFiltered / bytesUnfiltered;
    }
}
