package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.upstream.MessageClass;

/** The outbox component with in-process links: the window, confirmation, resend with the same id, preference. */
class OutboxDeliveryTest {

    @TempDir
    Path dir;

    private Outbox outbox;
    private PreferenceRouter router;

    private Outbox start(List<String> preference) throws Exception {
        return start(preference, Duration.ofSeconds(30));
    }

    private Outbox start(List<String> preference, Duration timeout) throws Exception {
        StoreSettings store = new StoreSettings(dir, 1 << 20, 1000, Duration.ofMillis(5), 1 << 16);
        router = new PreferenceRouter(preference);
        outbox = new Outbox(new OutboxSettings(store, timeout), Clock.systemUTC(), router);
        return outbox;
    }

    @AfterEach
    void stop() {
        if (outbox != null) {
            outbox.deactivate();
        }
    }

    private static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    private void bind(Outbox outbox, HeldLink link, String name) {
        router.add(name, link);
        outbox.bindLink(link, Map.of(Link.ID, name));
    }

    @Test
    void keepsAtMostTheWindowInFlightAndRemovesWhatIsConfirmed() throws Exception {
        Outbox o = start(List.of("wired"));
        HeldLink wired = new HeldLink(3, LinkState.UP);
        bind(o, wired, "wired");
        for (int i = 0; i < 10; i++) {
            assertTrue(taken(o.send(OutboxStoreTest.message(MessageClass.TELEMETRY, i))));
        }
        until("three deliveries", () -> wired.deliveries.size() == 3);
        Thread.sleep(100);
        assertEquals(3, wired.deliveries.size(), "no more than the window");
        while (o.snapshot().delivered() < 10) {
            until("a pending delivery", () -> wired.pending() > 0);
            wired.deliveries.stream().filter(d -> !d.done().isDone()).forEach(d -> d.done().complete(null));
            Thread.sleep(20);
        }
        assertEquals(10, wired.deliveries.size(), "each message delivered once");
        assertEquals(0, o.snapshot().totalDepth());
        List<Object> order = wired.deliveries.stream().map(d -> d.message().message().metrics().get("n").asObject()).toList();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order);
    }

    @Test
    void aFailedDeliveryIsSentAgainWithTheSameId() throws Exception {
        Outbox o = start(List.of("wired"));
        HeldLink wired = new HeldLink(10, LinkState.UP);
        bind(o, wired, "wired");
        o.send(OutboxStoreTest.message(MessageClass.ALARM, 1));
        until("the first attempt", () -> wired.deliveries.size() == 1);
        long id = wired.deliveries.get(0).message().id();
        wired.deliveries.get(0).done().completeExceptionally(new IllegalStateException("connection lost"));
        until("the second attempt", () -> wired.deliveries.size() == 2);
        assertEquals(id, wired.deliveries.get(1).message().id());
        wired.deliveries.get(1).done().complete(null);
        until("the delivery to count", () -> o.snapshot().delivered() == 1);
        assertEquals(1, o.snapshot().links().get(0).failed());
    }

    @Test
    void storesWhileNoLinkIsUpAndSendsByClassWhenOneComesUp() throws Exception {
        Outbox o = start(List.of("wired", "cellular"));
        HeldLink wired = new HeldLink(100, LinkState.DOWN);
        HeldLink cellular = new HeldLink(100, LinkState.DOWN);
        bind(o, wired, "wired");
        bind(o, cellular, "cellular");
        o.send(OutboxStoreTest.message(MessageClass.TELEMETRY, 1));
        o.send(OutboxStoreTest.message(MessageClass.EVENT, 2));
        o.send(OutboxStoreTest.message(MessageClass.ALARM, 3));
        Thread.sleep(100);
        assertEquals(3, o.snapshot().totalDepth());
        cellular.set(LinkState.UP);
        until("three deliveries on cellular", () -> cellular.deliveries.size() == 3);
        assertEquals(List.of(3, 2, 1), cellular.deliveries.stream().map(d -> d.message().message().metrics().get("n").asObject()).toList());
        assertEquals(0, wired.deliveries.size());
        cellular.deliveries.forEach(d -> d.done().complete(null));
        wired.set(LinkState.UP);
        o.send(OutboxStoreTest.message(MessageClass.EVENT, 4));
        until("the preferred link to carry the next one", () -> wired.deliveries.size() == 1);
        assertEquals(List.of("cellular", "wired"), o.snapshot().links().stream().map(l -> l.link()).toList(), "by name");
    }

    @Test
    void aMessageThatDoesNotFitALinkWaitsForAnotherAndDoesNotBlockTheOthers() throws Exception {
        Outbox o = start(List.of("wired", "satellite"));
        HeldLink wired = new HeldLink(1, LinkState.UP);
        bind(o, wired, "wired");
        o.send(OutboxStoreTest.message(MessageClass.ALARM, 1));
        o.send(OutboxStoreTest.message(MessageClass.ALARM, 2));
        until("the first attempt", () -> wired.deliveries.size() == 1);
        wired.deliveries.get(0).done().completeExceptionally(new IllegalArgumentException("too large for this profile"));
        until("the second message", () -> wired.deliveries.size() == 2);
        assertEquals(2, wired.deliveries.get(1).message().message().metrics().get("n").asObject());
        wired.deliveries.get(1).done().complete(null);
        until("the second to be delivered", () -> o.snapshot().delivered() == 1);
        Thread.sleep(200);
        assertEquals(2, wired.deliveries.size(), "the refused message is not offered to the link that refused it again");
        assertEquals(1, o.snapshot().totalDepth(), "the refused message is kept, not discarded");
        HeldLink satellite = new HeldLink(1, LinkState.UP);
        bind(o, satellite, "satellite");
        until("the kept message on the other link", () -> satellite.deliveries.size() == 1);
        assertEquals(1, satellite.deliveries.get(0).message().message().metrics().get("n").asObject());
        satellite.deliveries.get(0).done().complete(null);
        until("the store to empty", () -> o.snapshot().totalDepth() == 0);
        assertEquals(List.of("wired", "satellite"), router.outcomes.stream().map(PreferenceRouter.Outcome::link).toList(),
            "the router heard of both confirmations and not of the refusal");
    }

    @Test
    void aMessageLargerThanTheLinksLimitIsNeverHandedToIt() throws Exception {
        Outbox o = start(List.of("sms", "wired"));
        HeldLink sms = new HeldLink(1, LinkState.UP) {
            @Override
            public int maxMessageBytes() {
                return 40;
            }
        };
        bind(o, sms, "sms");
        o.send(OutboxStoreTest.message(MessageClass.ALARM, 1));
        Thread.sleep(300);
        assertEquals(0, sms.deliveries.size(), "sized before it was sent: too large for the link");
        HeldLink wired = new HeldLink(1, LinkState.UP);
        bind(o, wired, "wired");
        until("the message on the larger link", () -> wired.deliveries.size() == 1);
    }

    @Test
    void severalLinksSendAtOnceEachTakingWhatTheTableRoutesToIt() throws Exception {
        StoreSettings store = new StoreSettings(dir, 1 << 20, 1000, Duration.ofMillis(5), 1 << 16);
        Map<MessageClass, List<String>> routes = new java.util.EnumMap<>(MessageClass.class);
        routes.put(MessageClass.ALARM, List.of("satellite"));
        routes.put(MessageClass.TELEMETRY, List.of("wired"));
        outbox = new Outbox(new OutboxSettings(store, Duration.ofSeconds(30)), Clock.systemUTC(),
            io.outpost.api.router.Router.fixed(new io.outpost.api.router.RoutingTable(routes)));
        HeldLink wired = new HeldLink(10, LinkState.UP);
        HeldLink satellite = new HeldLink(1, LinkState.UP);
        outbox.bindLink(wired, Map.of(Link.ID, "wired"));
        outbox.bindLink(satellite, Map.of(Link.ID, "satellite"));
        outbox.send(OutboxStoreTest.message(MessageClass.TELEMETRY, 1));
        outbox.send(OutboxStoreTest.message(MessageClass.ALARM, 2));
        outbox.send(OutboxStoreTest.message(MessageClass.EVENT, 3));
        until("one on each link", () -> wired.deliveries.size() == 1 && satellite.deliveries.size() == 1);
        assertEquals(MessageClass.TELEMETRY, wired.deliveries.get(0).message().message().messageClass());
        assertEquals(MessageClass.ALARM, satellite.deliveries.get(0).message().message().messageClass());
        Thread.sleep(200);
        assertEquals(2, wired.deliveries.size() + satellite.deliveries.size(), "the event has no route: it waits");
        assertEquals(3, outbox.snapshot().totalDepth());
    }

    @Test
    void aDeliveryNotConfirmedInTimeIsSentAgainWithTheSameId() throws Exception {
        Outbox o = start(List.of("wired"), Duration.ofMillis(300));
        HeldLink wired = new HeldLink(10, LinkState.UP);
        bind(o, wired, "wired");
        o.send(OutboxStoreTest.message(MessageClass.EVENT, 1));
        until("the first attempt", () -> wired.deliveries.size() == 1);
        until("a second attempt after the timeout", () -> wired.deliveries.size() == 2);
        assertEquals(wired.deliveries.get(0).message().id(), wired.deliveries.get(1).message().id());
        assertEquals(1, o.snapshot().links().get(0).failed());
    }

    @Test
    void aTimedOutDeliveryCancelsTheLinksAttemptSoTheLinkFreesItsSlot() throws Exception {
        Outbox o = start(List.of("wired"), Duration.ofMillis(300));
        HeldLink wired = new HeldLink(1, LinkState.UP);
        bind(o, wired, "wired");
        assertTrue(taken(o.send(OutboxStoreTest.message(MessageClass.TELEMETRY, 1))));
        until("the first delivery", () -> wired.deliveries.size() == 1);
        until("the attempt to be cancelled", () -> wired.deliveries.get(0).done().isCancelled());
        until("the message sent again", () -> wired.deliveries.size() >= 2);
        assertEquals(wired.deliveries.get(0).message().id(), wired.deliveries.get(1).message().id(), "sent again under its id");
    }

    /** Waits for the outbox's answer: true unless the message was refused (dropped as oldest telemetry still counts as taken). */
    static boolean taken(java.util.concurrent.CompletionStage<io.outpost.api.upstream.Acknowledgement> ack) throws Exception {
        return ack.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).outcome()
            != io.outpost.api.upstream.Acknowledgement.Outcome.REFUSED;
    }

    @Test
    void aReplyIsDeliveredBeforeItsCommitAndTelemetryWaitsForIt() throws Exception {
        StoreSettings store = new StoreSettings(dir, 1 << 20, 1000, Duration.ofSeconds(3), 1 << 16);
        outbox = new Outbox(new OutboxSettings(store, Duration.ofSeconds(30)), Clock.systemUTC(),
            router = new PreferenceRouter(List.of("wired")));
        HeldLink wired = new HeldLink(10, LinkState.UP);
        bind(outbox, wired, "wired");
        Thread.sleep(200);  // past the first commit after start
        var telemetryAck = outbox.send(OutboxStoreTest.message(MessageClass.TELEMETRY, 1)).toCompletableFuture();
        var replyAck = outbox.send(OutboxStoreTest.message(MessageClass.REPLY, 2)).toCompletableFuture();
        long sent = System.nanoTime();
        until("the reply on the link", () -> wired.deliveries.size() == 1);
        assertTrue(System.nanoTime() - sent < Duration.ofSeconds(2).toNanos(), "the reply waited for the commit");
        assertEquals(MessageClass.REPLY, wired.deliveries.get(0).message().message().messageClass());
        assertTrue(!telemetryAck.isDone() && !replyAck.isDone(), "nothing is durable yet");
        wired.deliveries.get(0).done().complete(null);
        until("the reply delivered", () -> outbox.snapshot().delivered() == 1);
        until("the telemetry after the commit", () -> wired.deliveries.size() == 2);
        assertEquals(MessageClass.TELEMETRY, wired.deliveries.get(1).message().message().messageClass());
        assertTrue(replyAck.get().isDurable(), "a reply confirmed before its commit is reported delivered, not dropped: " + replyAck.get());
        wired.deliveries.get(1).done().complete(null);
        until("both delivered", () -> outbox.snapshot().delivered() == 2 && outbox.snapshot().totalDepth() == 0);
    }

    @Test
    void aReplyNotConfirmedBeforeItsCommitIsWrittenAndSentAgain() throws Exception {
        StoreSettings store = new StoreSettings(dir, 1 << 20, 1000, Duration.ofMillis(300), 1 << 16);
        outbox = new Outbox(new OutboxSettings(store, Duration.ofSeconds(30)), Clock.systemUTC(),
            router = new PreferenceRouter(List.of("wired")));
        HeldLink wired = new HeldLink(10, LinkState.UP);
        bind(outbox, wired, "wired");
        var replyAck = outbox.send(OutboxStoreTest.message(MessageClass.REPLY, 7)).toCompletableFuture();
        until("the reply on the link", () -> wired.deliveries.size() == 1);
        assertTrue(replyAck.get(5, java.util.concurrent.TimeUnit.SECONDS).isDurable(), "written at its commit");
        long id = wired.deliveries.get(0).message().id();
        wired.deliveries.get(0).done().completeExceptionally(new IllegalStateException("connection lost"));
        until("the second attempt", () -> wired.deliveries.size() == 2);
        assertEquals(id, wired.deliveries.get(1).message().id());
        wired.deliveries.get(1).done().complete(null);
        until("delivered", () -> outbox.snapshot().delivered() == 1 && outbox.snapshot().totalDepth() == 0);
    }
}
