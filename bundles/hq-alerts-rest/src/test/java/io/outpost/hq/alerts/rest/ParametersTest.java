package io.outpost.hq.alerts.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.alert.AlertState;

/** The query parameters and the silence's duration, each refusal naming its parameter or field. */
class ParametersTest {

    @Test
    void stateAckedAndLimit() throws Exception {
        assertEquals(Optional.of(AlertState.FIRING), AlertsServlet.state(null));
        assertEquals(Optional.of(AlertState.RESOLVED), AlertsServlet.state("resolved"));
        assertEquals(Optional.empty(), AlertsServlet.state("all"));
        assertEquals("state", assertThrows(BadRequest.class, () -> AlertsServlet.state("open")).name());
        assertEquals(Optional.of(false), AlertsServlet.acked("false"));
        assertEquals(Optional.empty(), AlertsServlet.acked(""));
        assertEquals("acked", assertThrows(BadRequest.class, () -> AlertsServlet.acked("yes")).name());
        assertEquals(200, AlertsServlet.limit(null));
        assertEquals(1000, AlertsServlet.limit("1000"));
        assertEquals("limit", assertThrows(BadRequest.class, () -> AlertsServlet.limit("1001")).name());
        assertEquals("limit", assertThrows(BadRequest.class, () -> AlertsServlet.limit("0")).name());
        assertEquals("id", assertThrows(BadRequest.class, () -> JsonServlet.id("id", "-3")).name());
        assertEquals(12, JsonServlet.id("id", "12"));
    }

    @Test
    void durationsOfSilences() throws Exception {
        assertEquals(Duration.ofHours(2), Durations.parse("for", "2h"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("for", "90s"));
        assertEquals(Duration.ofDays(7), Durations.parse("for", "7d"));
        BadRequest e = assertThrows(BadRequest.class, () -> Durations.parse("for", "soon"));
        assertEquals("field", e.kind());
        assertEquals("for", e.name());
        assertTrue(e.getMessage().contains("'for' 'soon' is not a duration"), e.getMessage());
        assertThrows(BadRequest.class, () -> Durations.parse("for", "0m"));
    }
}
