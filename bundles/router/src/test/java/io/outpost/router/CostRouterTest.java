package io.outpost.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.link.LinkCost;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.WireSize;
import io.outpost.api.router.LinkUsage;
import io.outpost.api.upstream.MessageClass;

/** The router's rules with links whose states the test sets, on a clock the test moves. */
class CostRouterTest {

    static final MessageClass[] ALL = MessageClass.values();

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private CostRouter router;

    private final TestLink wired = new TestLink();
    private final TestLink cellData = new TestLink();
    private final TestLink sms = new TestLink();
    private final TestLink sat = new TestLink();

    private CostRouter start(int holdDownSeconds, int billingDay) {
        router = new CostRouter(new RouterSettings(Duration.ofSeconds(holdDownSeconds), 2, billingDay, dir.resolve("usage.properties"), 200,
            Duration.ZERO), clock, false);
        return router;
    }

    private void bindAll(CostRouter r) {
        r.bindLink(wired, TestLink.props("wired", LinkKind.WIRED, new LinkCost(0, 0, 30), 0, 10, ALL));
        r.bindLink(cellData, TestLink.props("cellular-data", LinkKind.CELLULAR, new LinkCost(0.02, 0, 0), 10, 15, ALL));
        r.bindLink(sms, TestLink.props("cellular-sms", LinkKind.CELLULAR, new LinkCost(0, 0.09, 0), 5, 20, MessageClass.ALARM));
        r.bindLink(sat, TestLink.props("satellite", LinkKind.SATELLITE, new LinkCost(0, 0.15, 15), 1, 30, MessageClass.ALARM, MessageClass.EVENT,
            MessageClass.TELEMETRY));
    }

    @AfterEach
    void stop() {
        if (router != null) {
            router.deactivate();
        }
    }

    @Test
    void alarmsTakeTheFirstHealthyLinkByPriorityAndTelemetryTheCheapest() {
        CostRouter r = start(60, 1);
        bindAll(r);
        assertEquals(List.of("wired", "cellular-data", "cellular-sms", "satellite"), r.table().links(MessageClass.ALARM));
        assertEquals("wired", r.table().links(MessageClass.TELEMETRY).get(0));
        wired.set(LinkState.DOWN);
        r.reevaluate();
        assertEquals("cellular-data", r.table().route(MessageClass.ALARM, Set.of()).orElseThrow());
        assertEquals(List.of("cellular-data", "satellite"), r.table().links(MessageClass.TELEMETRY), "cheapest first: 0.004 < 0.15");
        cellData.set(LinkState.DOWN);
        r.reevaluate();
        assertEquals("cellular-sms", r.table().route(MessageClass.ALARM, Set.of()).orElseThrow());
        sms.set(LinkState.DOWN);
        r.reevaluate();
        assertEquals(List.of("satellite"), r.table().links(MessageClass.ALARM));
        assertEquals(List.of("satellite"), r.table().links(MessageClass.EVENT));
    }

    @Test
    void aMessageRefusedByTheFirstLinkGoesToTheNext() {
        CostRouter r = start(60, 1);
        bindAll(r);
        wired.set(LinkState.DOWN);
        cellData.set(LinkState.DOWN);
        r.reevaluate();
        assertEquals("satellite", r.table().route(MessageClass.ALARM, Set.of("cellular-sms")).orElseThrow());
        assertTrue(r.table().route(MessageClass.ALARM, Set.of("cellular-sms", "satellite")).isEmpty(), "waits");
    }

    @Test
    void theBudgetStopsTelemetryAndEventsButNeverAlarms() {
        CostRouter r = start(60, 1);
        bindAll(r);
        wired.set(LinkState.DOWN);
        cellData.set(LinkState.DOWN);
        r.reevaluate();
        assertEquals(List.of("satellite"), r.table().links(MessageClass.TELEMETRY));
        for (int i = 0; i < 6; i++) {
            r.delivered("satellite", MessageClass.TELEMETRY, WireSize.of(300));   // 6 x 0.15 = 0.90 < 1
        }
        r.reevaluate();
        assertEquals(List.of("satellite"), r.table().links(MessageClass.TELEMETRY));
        r.delivered("satellite", MessageClass.TELEMETRY, WireSize.of(300));   // 1.05 >= 1
        r.reevaluate();
        assertEquals(List.of(), r.table().links(MessageClass.TELEMETRY), "telemetry waits");
        assertEquals(List.of(), r.table().links(MessageClass.EVENT));
        assertEquals(List.of("cellular-sms", "satellite"), r.table().links(MessageClass.ALARM), "alarms ignore the budget");
        LinkUsage u = r.links().stream().filter(l -> l.link().equals("satellite")).findFirst().orElseThrow();
        assertEquals(7, u.messages());
        assertEquals(2100, u.bytes());
        assertEquals(1.05, u.cost(), 1e-9);
        assertEquals(0, u.budgetLeft(), 1e-9);
        assertEquals(7, u.byClass().get(MessageClass.TELEMETRY));
    }

    @Test
    void failbackWaitsForTheHoldDownAndAFlappingLinkNeverWinsBack() {
        CostRouter r = start(60, 1);
        bindAll(r);
        wired.set(LinkState.DOWN);
        r.reevaluate();
        assertEquals("cellular-data", r.table().links(MessageClass.ALARM).get(0));
        clock.advance(Duration.ofSeconds(5));
        wired.set(LinkState.UP);
        r.reevaluate();
        assertEquals("cellular-data", r.table().links(MessageClass.ALARM).get(0), "wired recovering: held down");
        assertTrue(r.table().links(MessageClass.ALARM).contains("wired"), "but usable");
        clock.advance(Duration.ofSeconds(30));
        wired.set(LinkState.DOWN);
        r.reevaluate();
        clock.advance(Duration.ofSeconds(1));
        wired.set(LinkState.UP);
        r.reevaluate();
        clock.advance(Duration.ofSeconds(59));
        r.reevaluate();
        assertEquals("cellular-data", r.table().links(MessageClass.ALARM).get(0), "the flap restarted the hold-down");
        clock.advance(Duration.ofSeconds(1));
        r.reevaluate();
        assertEquals("wired", r.table().links(MessageClass.ALARM).get(0), "60 s up: failback");
    }

    @Test
    void aLinkThatSaysUpButFailsIsFailedOverFrom() {
        CostRouter r = start(60, 1);
        bindAll(r);
        r.failed("wired", MessageClass.ALARM, "timeout");
        r.reevaluate();
        assertEquals("wired", r.table().links(MessageClass.ALARM).get(0), "one failure is not yet failing");
        r.failed("wired", MessageClass.ALARM, "timeout");
        r.reevaluate();
        assertEquals("cellular-data", r.table().links(MessageClass.ALARM).get(0));
        assertFalse(r.table().links(MessageClass.ALARM).contains("wired"));
        clock.advance(Duration.ofSeconds(61));
        r.reevaluate();
        assertEquals("cellular-data", r.table().links(MessageClass.ALARM).get(0), "back, but held down again");
        clock.advance(Duration.ofSeconds(61));
        r.reevaluate();
        assertEquals("wired", r.table().links(MessageClass.ALARM).get(0));
    }

    @Test
    void theOnlyLinkThatFailsLatelyIsStillTriedRatherThanLeftIdle() {
        CostRouter r = start(60, 1);
        r.bindLink(wired, TestLink.props("wired", LinkKind.WIRED, new LinkCost(0, 0, 30), 0, 10, ALL));
        r.failed("wired", MessageClass.TELEMETRY, "too many publishes in progress");
        r.failed("wired", MessageClass.TELEMETRY, "too many publishes in progress");
        r.reevaluate();
        assertEquals(java.util.List.of("wired"), r.table().links(MessageClass.TELEMETRY), "no other link to fail over to");
        assertEquals(java.util.List.of("wired"), r.table().links(MessageClass.ALARM));
        r.bindLink(sat, TestLink.props("satellite", LinkKind.SATELLITE, new LinkCost(0, 0.15, 15), 1, 30, MessageClass.ALARM));
        r.reevaluate();
        assertEquals(java.util.List.of("satellite"), r.table().links(MessageClass.ALARM), "with a healthy one, the failing link is left out");
    }

    @Test
    void usageSurvivesARestartAndResetsOnTheBillingDay() {
        CostRouter r = start(60, 5);
        bindAll(r);
        r.delivered("satellite", MessageClass.ALARM, new WireSize(600, 2));
        r.flush(true);
        r.deactivate();
        router = start(60, 5);
        bindAll(router);
        LinkUsage u = router.links().stream().filter(l -> l.link().equals("satellite")).findFirst().orElseThrow();
        assertEquals(600, u.bytes());
        assertEquals(0.30, u.cost(), 1e-9, "two SBD sessions");
        assertEquals(Instant.parse("2026-11-05T00:00:00Z"), u.periodStart());
        clock.set(Instant.parse("2026-12-05T00:00:01Z"));
        router.reevaluate();
        u = router.links().stream().filter(l -> l.link().equals("satellite")).findFirst().orElseThrow();
        assertEquals(0, u.bytes(), "a new billing month");
        assertEquals(Instant.parse("2026-12-05T00:00:00Z"), u.periodStart());
    }

    @Test
    void anUnreadableUsageFileIsSetAsideAndCountingStartsFromZero() throws Exception {
        Files.writeString(dir.resolve("usage.properties"), "format=1\nperiod=garbage\n");
        CostRouter r = start(60, 1);
        bindAll(r);
        assertEquals(0, r.links().get(0).bytes());
        assertTrue(Files.exists(dir.resolve("usage.properties.unreadable")));
    }

    @Test
    void aLinkWithAWrongDescriptorIsLeftOutAndTheOthersAreRouted() {
        CostRouter r = start(60, 1);
        bindAll(r);
        Map<String, Object> bad = new java.util.HashMap<>(TestLink.props("broken", LinkKind.WIRED, LinkCost.FREE, 0, 1, ALL));
        bad.put(LinkDescriptor.MONTHLY_BUDGET, "lots");
        r.bindLink(new TestLink(), bad);
        assertFalse(r.table().links(MessageClass.ALARM).contains("broken"));
        assertEquals("wired", r.table().links(MessageClass.ALARM).get(0));
    }

    @Test
    void timeWindowsLimitEverythingButAlarms() {
        CostRouter r = start(60, 1);
        Map<String, Object> p = new java.util.HashMap<>(new LinkDescriptor(LinkKind.SATELLITE, new LinkCost(0, 0.15, 0), 100,
            Set.of(ALL), 30, List.of(io.outpost.api.link.TimeWindow.parse("02:00-04:00"))).toProperties());
        p.put(io.outpost.api.link.Link.ID, "satellite");
        r.bindLink(sat, p);
        assertEquals(List.of("satellite"), r.table().links(MessageClass.ALARM));
        assertEquals(List.of(), r.table().links(MessageClass.TELEMETRY), "10:00 is outside 02:00-04:00");
        clock.set(Instant.parse("2026-12-03T03:00:00Z"));
        r.reevaluate();
        assertEquals(List.of("satellite"), r.table().links(MessageClass.TELEMETRY));
    }

    @Test
    void refusesABadConfigurationNamingTheFields() {
        RouterConfig bad = new RouterConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return RouterConfig.class; }
            public int holdDownSeconds() { return -1; }
            public int failuresBeforeFailover() { return 2; }
            public int billingDay() { return 31; }
            public String usageFile() { return ""; }
            public int typicalMessageBytes() { return 200; }
            public int usageReportSeconds() { return 60; }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RouterSettings.parse(bad, dir));
        assertTrue(e.getMessage().contains("'holdDownSeconds' -1"), e.getMessage());
        assertTrue(e.getMessage().contains("'billingDay' 31"), e.getMessage());
    }

    @Test
    void theCommandShowsEveryLink() {
        CostRouter r = start(60, 1);
        bindAll(r);
        r.delivered("wired", MessageClass.TELEMETRY, WireSize.of(1234));
        String text = LinksCommand.render(r.links());
        assertTrue(text.contains("wired"), text);
        assertTrue(text.contains("1234"), text);
        assertTrue(text.contains("satellite"), text);
        assertEquals(4, UsageReporter.message(r.links(), 0).metrics().keySet().stream().filter(k -> k.endsWith(".bytes")).count());
    }

    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
