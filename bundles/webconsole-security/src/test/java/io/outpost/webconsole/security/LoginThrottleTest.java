package io.outpost.webconsole.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void locksAnAddressOutAfterMaxFailuresAndDoublesEachFurtherLockout() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(10), clock);
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"));
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ofSeconds(10), throttle.waitFor("10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.2"), "other addresses are not affected");
        clock.millis += 10_000;
        assertEquals(Duration.ZERO, throttle.waitFor("10.0.0.1"));
        throttle.failed("10.0.0.1"); // one more failure after a lock-out locks again, twice as long
        assertEquals(Duration.ofSeconds(20), throttle.waitFor("10.0.0.1"));
    }

    @Test
    void aSuccessClearsTheAddress() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofSeconds(10), clock);
        throttle.failed("a");
        throttle.succeeded("a");
        throttle.failed("a");
        assertEquals(Duration.ZERO, throttle.waitFor("a"));
    }

    @Test
    void remembersABoundedNumberOfAddresses() {
        LoginThrottle throttle = new LoginThrottle(1, Duration.ofSeconds(10), new ManualClock());
        throttle.failed("first");
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES; i++) {
            throttle.failed("addr" + i);
        }
        assertEquals(Duration.ZERO, throttle.waitFor("first"), "the oldest address was forgotten");
        assertEquals(Duration.ofSeconds(10), throttle.waitFor("addr" + (LoginThrottle.MAX_ADDRESSES - 1)));
    }
}
