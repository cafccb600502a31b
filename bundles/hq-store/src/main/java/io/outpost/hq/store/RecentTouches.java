package io.outpost.hq.store;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.outpost.api.hq.GatewayId;

/**
 * Spares the registry a write per message: a gateway's {@code last_seen} is written at most once per
 * {@code resolutionMillis} by this instance. Only an optimisation: forgetting it (a restart, another instance)
 * costs one more UPDATE, never a wrong state, since a gateway silent long enough to be "unknown" is always written.
 */
final class RecentTouches {

    private static final int MAX_TRACKED = 100_000;

    private final long resolutionMillis;
    private final ConcurrentMap<GatewayId, Long> lastWritten = new ConcurrentHashMap<>();

    RecentTouches(long resolutionMillis) {
        this.resolutionMillis = resolutionMillis;
    }

    /** True when {@code last_seen} of this gateway should be written for a message received at {@code at}. */
    boolean due(GatewayId gateway, Instant at) {
        long now = at.toEpochMilli();
        Long last = lastWritten.get(gateway);
        if (last != null && now - last < resolutionMillis && now >= last) {
            return false;
        }
        if (lastWritten.size() >= MAX_TRACKED) {
            lastWritten.clear();
        }
        lastWritten.put(gateway, now);
        return true;
    }
}
