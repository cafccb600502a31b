package io.outpost.request.outpost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkCost;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.outbox.LinkReport;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;
import io.outpost.api.router.LinkUsage;
import io.outpost.api.upstream.MessageClass;

class LinksAndOutboxHandlerTest {

    private static Link link(LinkState state, int inFlight, long reconnects) {
        return new Link() {
            @Override
            public LinkState state() {
                return state;
            }

            @Override
            public int maxInFlight() {
                return 8;
            }

            @Override
            public int maxMessageBytes() {
                return 140;
            }

            @Override
            public LinkStatus status() {
                return new LinkStatus(state, inFlight, reconnects);
            }

            @Override
            public CompletionStage<Void> deliver(OutboundMessage message) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public AutoCloseable onStateChange(Runnable listener) {
                return () -> { };
            }
        };
    }

    @Test
    void linksCarryTheirStatusAndDescriptorAndGoWhenUnbound() {
        LinksHandler handler = new LinksHandler();
        Map<String, Object> sms = new HashMap<>(new LinkDescriptor(LinkKind.CELLULAR, new LinkCost(0, 0.05, 2), 10,
            EnumSet.of(MessageClass.ALARM, MessageClass.REPLY), 20).toProperties());
        sms.put(Link.ID, "cellular-sms");
        Link cellular = link(LinkState.DOWN, 0, 0);
        handler.addLink(cellular, sms);
        handler.addLink(link(LinkState.UP, 3, 2), Map.of(Link.ID, "wired", LinkDescriptor.KIND, "warp"));
        String all = Requests.body(handler.handle(Requests.of("OUTPOST-LINKS-V1", Verb.GET, "links", null)));
        assertEquals("{\"links\":[{\"name\":\"cellular-sms\",\"state\":\"DOWN\",\"inFlight\":0,\"reconnects\":0,\"maxInFlight\":8,"
            + "\"maxMessageBytes\":140,\"kind\":\"cellular\",\"cost\":{\"perKilobyte\":0.0,\"perMessage\":0.05,\"monthlyFee\":2.0},"
            + "\"monthlyBudget\":10.0,\"classes\":[\"ALARM\",\"REPLY\"],\"priority\":20},"
            + "{\"name\":\"wired\",\"state\":\"UP\",\"inFlight\":3,\"reconnects\":2,\"maxInFlight\":8,\"maxMessageBytes\":140,"
            + "\"descriptorError\":", all.substring(0, all.indexOf("\"descriptorError\":") + 18));
        assertTrue(all.contains("unknown link kind 'warp'"), all);
        Response one = handler.handle(Requests.of("OUTPOST-LINKS-V1", Verb.GET, "links/wired", null));
        assertTrue(Requests.body(one).startsWith("{\"name\":\"wired\",\"state\":\"UP\""), Requests.body(one));
        handler.removeLink(cellular);
        assertEquals(404, handler.handle(Requests.of("OUTPOST-LINKS-V1", Verb.GET, "links/cellular-sms", null)).code());
        assertEquals(404, handler.handle(Requests.of("OUTPOST-LINKS-V1", Verb.GET, "usage", null)).code());
    }

    @Test
    void withTheRouterEachLinkCarriesItsUsageThisBillingMonth() {
        java.time.Instant start = java.time.Instant.parse("2026-12-01T00:00:00Z");
        LinkUsage wired = new LinkUsage("wired", "wired", LinkState.UP, -1, true, 2048, 10, 0, 0, 0,
            Map.of(MessageClass.TELEMETRY, 9L, MessageClass.ALARM, 1L), 0, start);
        LinkUsage sms = new LinkUsage("cellular-sms", "cellular", LinkState.DEGRADED, 8, false, 300, 3, 0.15, 2, 1.0,
            Map.of(MessageClass.ALARM, 3L), 1, start);
        LinksHandler handler = new LinksHandler(() -> List.of(wired, sms));
        handler.addLink(link(LinkState.UP, 0, 0), Map.of(Link.ID, "wired"));
        handler.addLink(link(LinkState.DEGRADED, 0, 0), Map.of(Link.ID, "cellular-sms"));
        handler.addLink(link(LinkState.UP, 0, 0), Map.of(Link.ID, "unrouted"));
        String one = Requests.body(handler.handle(Requests.of("OUTPOST-LINKS-V1", Verb.GET, "links/cellular-sms", null)));
        assertTrue(one.contains("\"usage\":{\"periodStart\":\"2026-12-01T00:00:00Z\",\"bytes\":300,\"messages\":3,\"cost\":0.15,"
            + "\"budgetLeft\":0.85,\"failures\":1,\"byClass\":{\"ALARM\":3,\"REPLY\":0,"), one);
        assertTrue(one.endsWith("\"healthy\":false,\"signal\":8}"), one);
        String all = Requests.body(handler.handle(Requests.of("OUTPOST-LINKS-V1", Verb.GET, "links", null)));
        assertTrue(all.contains("{\"name\":\"unrouted\",\"state\":\"UP\",\"inFlight\":0,\"reconnects\":0,\"maxInFlight\":8,\"maxMessageBytes\":140}"), all);
        assertTrue(all.contains("\"bytes\":2048"), all);
    }

    @Test
    void outboxStatisticsAreOneSnapshotWithEveryClass() {
        OutboxSnapshot snapshot = new OutboxSnapshot(Map.of(MessageClass.TELEMETRY, 7L, MessageClass.ALARM, 1L), Duration.ofSeconds(3), 4096,
            Map.of(MessageClass.TELEMETRY, 2L), Map.of(), 99, 1,
            List.of(new LinkReport("wired", new LinkStatus(LinkState.UP, 1, 4), 1, 16, 99, 3)), 0, Map.of(OutboxSnapshot.DISK, "read-only"));
        OutboxHandler handler = new OutboxHandler(() -> snapshot);
        Response r = handler.handle(Requests.of("OUTPOST-OUTBOX-V1", Verb.GET, "statistics", null));
        assertEquals(200, r.code());
        String body = Requests.body(r);
        assertTrue(body.startsWith("{\"totalDepth\":8,\"depth\":{"), body);
        assertTrue(body.contains("\"TELEMETRY\":7") && body.contains("\"ALARM\":1") && body.contains("\"oldestAgeMillis\":3000"), body);
        assertTrue(body.contains("\"degraded\":{\"disk\":\"read-only\"}"), body);
        assertTrue(body.contains("\"links\":[{\"link\":\"wired\",\"state\":\"UP\",\"outboxInFlight\":1,\"maxInFlight\":16,\"delivered\":99,\"failed\":3,\"reconnects\":4}]"), body);
        assertEquals(404, handler.handle(Requests.of("OUTPOST-OUTBOX-V1", Verb.GET, "depth", null)).code());
    }
}
