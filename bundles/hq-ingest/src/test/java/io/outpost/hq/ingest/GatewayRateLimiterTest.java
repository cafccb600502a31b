package io.outpost.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class GatewayRateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void allowsTheBurstThenTheRateAndEachGatewayHasItsOwnBucket() {
        GatewayRateLimiter limiter = new GatewayRateLimiter(10, 5, now::get, 1000);
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryAcquire("a"));
        }
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"), "another gateway is not limited by a");
        now.addAndGet(100_000_000L); // 100 ms at 10/s: one more
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
    }

    @Test
    void forgetsFullBucketsWhenTooManyGatewaysAreTracked() {
        GatewayRateLimiter limiter = new GatewayRateLimiter(10, 5, now::get, 100);
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("gw-" + i);
        }
        now.addAndGet(1_000_000_000L);
        limiter.tryAcquire("new");
        assertEquals(1, limiter.tracked());
    }
}
