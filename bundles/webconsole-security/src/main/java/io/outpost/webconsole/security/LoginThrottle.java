package io.outpost.webconsole.security;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins counted per client address: after {@code maxFailures} in a row an address is locked out for
 * {@code lockout}, and each further failure after a lock-out doubles it (up to one hour). A success clears the address.
 * At most {@link #MAX_ADDRESSES} addresses are remembered (the oldest is forgotten first).
 */
final class LoginThrottle {

    static final int MAX_ADDRESSES = 1024;
    private static final Duration MAX_LOCKOUT = Duration.ofHours(1);

    private record Failures(int count, long lockedUntil, Duration lastLockout) {
    }

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    LoginThrottle(int maxFailures, Duration lockout, Clock clock) {
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** Zero when the address may try to log in, else how long it still has to wait. */
    synchronized Duration waitFor(String address) {
        Failures f = byAddress.get(address);
        long left = f == null ? 0 : f.lockedUntil() - clock.millis();
        return left > 0 ? Duration.ofMillis(left) : Duration.ZERO;
    }

    synchronized void failed(String address) {
        Failures f = byAddress.getOrDefault(address, new Failures(0, 0, Duration.ZERO));
        int count = f.count() + 1;
        if (count >= maxFailures) {
            Duration next = f.lastLockout().isZero() ? lockout : min(f.lastLockout().multipliedBy(2), MAX_LOCKOUT);
            byAddress.put(address, new Failures(maxFailures - 1, clock.millis() + next.toMillis(), next));
        } else {
            byAddress.put(address, new Failures(count, f.lockedUntil(), f.lastLockout()));
        }
    }

    synchronized void succeeded(String address) {
        byAddress.remove(address);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
