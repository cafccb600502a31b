package io.outpost.hq.alerts.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertState;

class AckPageTest {

    static AlertRecord alert(AlertState state, Optional<String> ackedBy) {
        return new AlertRecord(7, "pump", "acme/gw-1/<script>alert(1)</script>/level", state, Instant.parse("2026-06-01T10:00:00Z"),
                Optional.empty(), ackedBy.map(b -> Instant.parse("2026-06-01T10:05:00Z")), ackedBy, Optional.empty(), "value \"93.5\" & rising");
    }

    @Test
    void theConfirmationPageEscapesWhatAGatewaySentAndPostsTheSameLink() {
        String page = AckPage.confirm(alert(AlertState.FIRING, Optional.empty()), 7, 1_780_000_000L, "s1g\"><b>");
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        assertTrue(page.contains("value &quot;93.5&quot; &amp; rising"), page);
        assertTrue(page.contains("<form method=\"post\" action=\"ack\">"), page);
        assertTrue(page.contains("name=\"exp\" value=\"1780000000\"") && page.contains("name=\"sig\" value=\"s1g&quot;&gt;&lt;b&gt;\""), page);
    }

    @Test
    void anAcknowledgedOrResolvedAlertGetsNoButton() {
        assertFalse(AckPage.confirm(alert(AlertState.FIRING, Optional.of("ops")), 7, 1L, "s").contains("<form"));
        assertTrue(AckPage.confirm(alert(AlertState.FIRING, Optional.of("ops")), 7, 1L, "s").contains("already acknowledged"));
        assertFalse(AckPage.confirm(alert(AlertState.RESOLVED, Optional.empty()), 7, 1L, "s").contains("<form"));
    }
}
