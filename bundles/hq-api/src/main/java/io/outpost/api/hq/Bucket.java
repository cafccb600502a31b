package io.outpost.api.hq;

import java.time.Instant;

/** The numeric samples of one time bucket, for charts: count, min, average and max. */
public record Bucket(Instant start, long count, double min, double avg, double max) {
}
