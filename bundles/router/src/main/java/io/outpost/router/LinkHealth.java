package io.outpost.router;

import io.outpost.api.link.LinkState;

/**
 * Whether one link is healthy, and settled: failover and failback. A link carries when it says it is up or degraded
 * and is not failing; it fails when {@code failuresBeforeFailover} deliveries in a row failed while it said it was
 * up, and is then left out for the hold-down. A link that was healthy, lost it, and came back is <em>recovering</em>
 * until it has stayed healthy for the hold-down: the router prefers settled links to it, so traffic fails back
 * only after the hold-down and a link that keeps dropping never wins back the traffic (no flapping). A link's first
 * rise after start settles at once. Guarded by the router's lock; times in milliseconds of the router's clock.
 */
final class LinkHealth {

    private final long holdDownMillis;
    private final int failuresBeforeFailover;
    private LinkState state = LinkState.DOWN;
    private boolean everHealthy;
    private boolean hadOutage;
    private long healthySince = -1;
    private int failuresInARow;
    private long failingUntil = Long.MIN_VALUE;

    LinkHealth(long holdDownMillis, int failuresBeforeFailover) {
        this.holdDownMillis = holdDownMillis;
        this.failuresBeforeFailover = failuresBeforeFailover;
    }

    /** The link's state now; true when the link's health changed (healthy, settled). */
    void observe(LinkState now, long at) {
        this.state = now;
        boolean healthy = now.carries() && at >= failingUntil;
        if (healthy && healthySince < 0) {
            healthySince = at;
            if (everHealthy) {
                hadOutage = true;
            }
            everHealthy = true;
        } else if (!healthy && healthySince >= 0) {
            healthySince = -1;
        }
    }

    void delivered() {
        failuresInARow = 0;
    }

    /** A failed delivery; true when the link now counts as failing (the router fails over). */
    boolean failed(long at) {
        if (++failuresInARow >= failuresBeforeFailover && at >= failingUntil) {
            failingUntil = at + holdDownMillis;
            failuresInARow = 0;
            healthySince = -1;
            return true;
        }
        return false;
    }

    LinkState state() {
        return state;
    }

    boolean healthy() {
        return healthySince >= 0;
    }

    boolean failing(long at) {
        return at < failingUntil;
    }

    /** Healthy, and not recovering from an outage within the hold-down. */
    boolean settled(long at) {
        return healthySince >= 0 && (!hadOutage || at - healthySince >= holdDownMillis);
    }

    /** 0 settled and up, 1 settled and degraded, 2 recovering; only meaningful when healthy. */
    int tier(long at) {
        if (!settled(at)) {
            return 2;
        }
        return state == LinkState.UP ? 0 : 1;
    }
}
