package io.outpost.api.hq;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads stored telemetry of one channel, raw or downsampled, and the alarms of a gateway. Time ranges are [from, to). */
public interface TelemetryQuery {

    /** The oldest {@code limit} samples of the range, oldest first. */
    List<Sample> samples(GatewayId gateway, String device, String channel, Instant from, Instant to, int limit);

    /** The newest {@code limit} samples of the range, oldest first. */
    List<Sample> latestSamples(GatewayId gateway, String device, String channel, Instant from, Instant to, int limit);

    /** How many samples the range holds. */
    long count(GatewayId gateway, String device, String channel, Instant from, Instant to);

    /** The numeric samples grouped into buckets of {@code bucket} starting at {@code from}; empty buckets are left out. */
    List<Bucket> downsample(GatewayId gateway, String device, String channel, Instant from, Instant to, Duration bucket);

    /** The channels a gateway has sent, as {@code device/channel}, sorted. */
    List<String> channels(GatewayId gateway);

    /** Alarm transitions of a gateway, oldest first. */
    List<AlarmRecord> alarms(GatewayId gateway, Instant from, Instant to);
}
