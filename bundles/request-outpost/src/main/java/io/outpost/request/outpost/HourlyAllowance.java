package io.outpost.request.outpost;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** At most {@code perHour} grants in any sliding hour; a grant is given back when its send fails. */
final class HourlyAllowance {

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final int perHour;
    private final Clock clock;
    private final Deque<Long> granted = new ArrayDeque<>();

    HourlyAllowance(int perHour, Clock clock) {
        this.perHour = perHour;
        this.clock = clock;
    }

    /** @return the grant's time, or -1 when {@code perHour} were granted in the last hour */
    synchronized long take() {
        long now = clock.millis();
        while (!granted.isEmpty() && now - granted.peekFirst() >= HOUR_MILLIS) {
            granted.pollFirst();
        }
        if (granted.size() >= perHour) {
            return -1;
        }
        granted.addLast(now);
        return now;
    }

    synchronized void giveBack(long grant) {
        granted.removeLastOccurrence(grant);
    }
}
