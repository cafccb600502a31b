package io.outpost.webconsole.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.link.LinkState;
import io.outpost.api.router.LinkUsage;
import io.outpost.api.upstream.MessageClass;

class LinkUsageTableTest {

    static LinkUsage usage(String link, double cost, double budget) {
        return new LinkUsage(link, "cellular", LinkState.UP, 71, true, 123_456, 789, cost, 5, budget,
            Map.of(MessageClass.ALARM, 3L, MessageClass.TELEMETRY, 700L), 2, Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Test
    void eachLinkShowsBytesAndCostThisMonthAgainstItsBudget() {
        String html = LinkUsageTable.render(List.of(usage("cell<1>", 7.5, 10)));
        assertTrue(html.contains("Billing month from 2026-12-01T00:00:00Z"), html);
        assertTrue(html.contains("<tr data-link='cell&lt;1&gt;'>"), "link ids are escaped: " + html);
        assertTrue(html.contains("<td data-field='bytes'>123456</td>"), html);
        assertTrue(html.contains("<td data-field='cost'>7.50</td>"), html);
        assertTrue(html.contains("<td data-field='budget'>10.00</td>"), html);
        assertTrue(html.contains("width='75' height='8' fill='#4a7ab5'/></svg> 75 %"), html);
        assertTrue(html.contains("<td data-field='classes'>3/0/0/0/700</td>"), html);
        assertTrue(html.contains("<td data-field='signal'>71 %</td>"), html);
    }

    @Test
    void overTheBudgetTheBarIsFullAndRedAndAFreeLinkHasNone() {
        assertTrue(LinkUsageTable.spent(usage("sat", 12.5, 10)).contains("width='100' height='8' fill='#b5443a'/></svg> 125 %"));
        assertEquals("-", LinkUsageTable.spent(usage("wired", 0, 0)));
        assertEquals("over (no budget)", LinkUsageTable.spent(usage("sms", 0.1, 0)));
    }

    @Test
    void noLinksSaysSo() {
        assertTrue(LinkUsageTable.render(List.of()).contains("The router knows no link yet."));
    }
}
