package io.outpost.hq.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The checked values of a {@link RetentionConfig}; every problem named by its field. */
record RetentionSettings(Duration maxAge, long maxSamples, Duration interval, int batchSize, long batchPauseMillis) {

    static RetentionSettings of(RetentionConfig c) {
        return of(c.maxAgeDays(), c.maxSamples(), c.intervalMinutes(), c.batchSize(), c.batchPauseMillis());
    }

    static RetentionSettings of(long maxAgeDays, long maxSamples, long intervalMinutes, int batchSize, long batchPauseMillis) {
        List<String> problems = new ArrayList<>();
        if (maxAgeDays < 0 || maxAgeDays > 36_500) {
            problems.add("'maxAgeDays' " + maxAgeDays + " is outside 0-36500");
        }
        if (maxSamples < 0) {
            problems.add("'maxSamples' " + maxSamples + " is below 0");
        }
        if (intervalMinutes < 1 || intervalMinutes > 10_080) {
            problems.add("'intervalMinutes' " + intervalMinutes + " is outside 1-10080");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            problems.add("'batchSize' " + batchSize + " is outside 1-100000");
        }
        if (batchPauseMillis < 0 || batchPauseMillis > 60_000) {
            problems.add("'batchPauseMillis' " + batchPauseMillis + " is outside 0-60000");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("hq retention: " + String.join("; ", problems));
        }
        return new RetentionSettings(maxAgeDays == 0 ? Duration.ZERO : Duration.ofDays(maxAgeDays), maxSamples,
                Duration.ofMinutes(intervalMinutes), batchSize, batchPauseMillis);
    }

    boolean keepsEverything() {
        return maxAge.isZero() && maxSamples == 0;
    }
}
