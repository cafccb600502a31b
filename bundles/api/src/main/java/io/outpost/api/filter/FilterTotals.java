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
 * @param refused           messages the upstream refused (or that could not be built, e.g. a device name that
 *                          is not a valid topic level)
 * @param bytesUnfiltered   estimated bytes of the messages an unfiltered gateway would have sent: one message per
 *                          device poll with every reading
 * @param bytesFiltered     estimated bytes of the messages the filter sent
 */
public record FilterTotals(long readingsIn, long alarms, long events, long telemetry, long suppressed,
        long alarmMessages, long eventMessages, long telemetryMessages, long refused,
        long bytesUnfiltered, long bytesFiltered) {

    /** The share of bytes saved, 0..1 (0 when nothing came in). */
    public double savedRatio() {
        return bytesUnfiltered == 0 ? 0 : 1.0 - (double) bytesFiltered / bytesUnfiltered;
    }
}
