package io.outpost.hq.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.GatewayId;

class RecentTouchesTest {

    @Test
    void writesLastSeenAtMostOncePerResolutionPerGateway() {
        RecentTouches touches = new RecentTouches(1000);
        GatewayId a = new GatewayId("x", "a");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertTrue(touches.due(a, t));
        assertFalse(touches.due(a, t.plusMillis(999)));
        assertTrue(touches.due(new GatewayId("x", "b"), t.plusMillis(999)));
        assertTrue(touches.due(a, t.plusMillis(1000)));
        assertTrue(touches.due(a, t.minusSeconds(5)), "a clock that went back is written");
    }
}
