package io.outpost.hq.ingest;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per gateway key: {@code perSecond} messages sustained, {@code burst} at once. Buckets idle long
 * enough to be full again are forgotten when the map grows past {@code maxTracked}, so a storm of invented client
 * ids does not grow memory without bound.
 */
final class GatewayRateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final int maxTracked;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    GatewayRateLimiter(double perSecond, int burst, LongSupplier nanoTime, int maxTracked) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.maxTracked = maxTracked;
    }

    /** Takes one token for this gateway; false when its bucket is empty. */
    boolean tryAcquire(String gateway) {
        long now = nanoTime.getAsLong();
        if (buckets.size() >= maxTracked && !buckets.containsKey(gateway)) {
            forgetFull(now);
        }
        Bucket bucket = buckets.computeIfAbsent(gateway, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.last) * perNano);
            bucket.last = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private void forgetFull(long now) {
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().last) * perNano >= burst;
            }
        });
    }

    int tracked() {
        return buckets.size();
    }
}
