package io.outpost.api.filter;

/**
 * Counters of one channel.
 *
 * @param device           the device name
 * @param channel          the channel name
 * @param rule             the name of the rule that applies (its configuration pid), or empty when the default
 *                         action applies
 * @param readingsIn       readings the filter received
 * @param alarms           alarm transitions sent (raised plus cleared)
 * @param events           values or quality changes sent as EVENT
 * @param telemetry        values sent as TELEMETRY (heartbeats, or every reading when passed by default)
 * @param suppressed       readings that produced nothing
 * @param bytesUnfiltered  estimated bytes of this channel's entries had every reading been sent
 * @param bytesFiltered    estimated bytes of this channel's entries in what was sent
 * @param alarmActive      the active alarm ("high", "low", "true", "false"), or empty when none
 */
public record ChannelStatistics(String device, String channel, String rule, long readingsIn, long alarms, long events,
        long telemetry, long suppressed, long bytesUnfiltered, long bytesFiltered, String alarmActive) {
}
