package io.outpost.hq.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimeParameterTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void readsInstantsNowAndDurationsAgo() throws BadParameter {
        assertEquals(Instant.parse("2026-06-01T10:00:00Z"), TimeParameter.parse("since", "2026-06-01T10:00:00Z", NOW, null));
        assertEquals(NOW, TimeParameter.parse("until", "now", NOW, null));
        assertEquals(NOW.minusSeconds(3600), TimeParameter.parse("since", "1h", NOW, null));
        assertEquals(NOW.minusSeconds(7 * 86400), TimeParameter.parse("since", "7d", NOW, null));
        assertEquals(NOW.minusSeconds(90), TimeParameter.parse("since", "90s", NOW, null));
        assertEquals(NOW, TimeParameter.parse("since", null, NOW, NOW));
    }

    @Test
    void aBadValueNamesTheParameterAndShowsTheValueSafely() {
        BadParameter e = assertThrows(BadParameter.class, () -> TimeParameter.parse("since", "yesterday\n", NOW, null));
        assertEquals("since", e.parameter());
        assertTrue(e.getMessage().startsWith("'since' 'yesterday?' is neither"), e.getMessage());
        BadParameter b = assertThrows(BadParameter.class, () -> TimeParameter.positive("buckets", "0", 1, 2000));
        assertEquals("'buckets' '0' must be a whole number from 1 to 2000", b.getMessage());
        assertThrows(BadParameter.class, () -> TimeParameter.positive("buckets", "2001", 1, 2000));
        assertThrows(BadParameter.class, () -> TimeParameter.positive("buckets", "1e3", 1, 2000));
    }
}
