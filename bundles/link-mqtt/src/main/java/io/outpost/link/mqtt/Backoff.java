package io.outpost.link.mqtt;

import java.util.random.RandomGenerator;

/**
 * Exponential reconnect delays with full jitter: attempt n waits a random time in [d/2, d], d = min * 2^n
 * capped at max, so a fleet that lost its broker does not come back in lockstep.
 */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    Backoff(long minMillis, long maxMillis, RandomGenerator random) {
        if (minMillis <= 0 || maxMillis < minMillis) {
            throw new IllegalArgumentException("reconnect delays need 0 < min <= max, got " + minMillis + ".." + maxMillis);
        }
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.random = random;
    }

    synchronized long nextDelayMillis() {
        long ceiling = minMillis << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        } else {
            attempt++;
        }
        return ceiling / 2 + (long) (random.nextDouble() * (ceiling - ceiling / 2));
    }

    synchronized void reset() {
        attempt = 0;
    }
}
