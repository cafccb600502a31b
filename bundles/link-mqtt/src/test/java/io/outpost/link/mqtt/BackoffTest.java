package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delaysDoubleUpToTheMaximumWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(1000, 8000, new SplittableRandom(1));
        long[] ceilings = {1000, 2000, 4000, 8000, 8000, 8000};
        for (long ceiling : ceilings) {
            long d = backoff.nextDelayMillis();
            assertTrue(d >= ceiling / 2 && d <= ceiling, d + " within [" + ceiling / 2 + ", " + ceiling + "]");
        }
        backoff.reset();
        assertTrue(backoff.nextDelayMillis() <= 1000);
    }

    @Test
    void jitterSpreadsAFleet() {
        Set<Long> delays = new HashSet<>();
        for (int seed = 0; seed < 20; seed++) {
            delays.add(new Backoff(1000, 60000, new SplittableRandom(seed)).nextDelayMillis());
        }
        assertTrue(delays.size() > 10, "20 gateways should not retry at the same instant: " + delays);
    }

    @Test
    void refusesNonsenseBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, new SplittableRandom()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5, new SplittableRandom()));
    }

    @Test
    void brokerUrlsAreCheckedWithAClearMessage() {
        assertEquals("ssl", MqttLink.parseBrokerUrl("ssl://broker.example:8883").getScheme());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MqttLink.parseBrokerUrl("http://x"));
        assertTrue(e.getMessage().contains("brokerUrl"));
    }
}
