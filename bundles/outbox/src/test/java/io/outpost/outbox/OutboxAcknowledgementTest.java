package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.Acknowledgement.Outcome;
import io.outpost.api.upstream.MessageClass;

/** What a sender hears from {@code Outbox.send}: never a wait, never an exception, an outcome with a reason. */
class OutboxAcknowledgementTest {

    @TempDir
    Path dir;

    private Outbox start(long maxMessages, long fsyncMillis) throws Exception {
        StoreSettings store = new StoreSettings(dir, 1 << 20, maxMessages, Duration.ofMillis(fsyncMillis), 1 << 16);
        return new Outbox(new OutboxSettings(store, Duration.ofSeconds(30)), Clock.systemUTC(), io.outpost.api.router.Router.fixed(io.outpost.api.router.RoutingTable.everything("wired")));
    }

    private static Acknowledgement get(java.util.concurrent.CompletionStage<Acknowledgement> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void sendReturnsAtOnceAndTheMessagesOfOneIntervalBecomeDurableTogether() throws Exception {
        Outbox outbox = start(10_000, 10_000);
        List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>();
        long started = System.nanoTime();
        for (int n = 0; n < 1000; n++) {
            acks.add(outbox.send(OutboxStoreTest.message(n % 7 == 0 ? MessageClass.ALARM : MessageClass.TELEMETRY, n)).toCompletableFuture());
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis < 2_000, "1000 sends took " + tookMillis + " ms: send must not wait for the 10 s commit");
        assertTrue(acks.stream().noneMatch(CompletableFuture::isDone), "nothing is durable before its commit");
        outbox.deactivate();   // the last commit on closing writes them all at once
        for (CompletableFuture<Acknowledgement> ack : acks) {
            assertEquals(Outcome.DURABLE, get(ack).outcome());
        }
    }

    @Test
    void telemetryDroppedAsOldestBeforeItsCommitHearsDroppedAndTheOthersDurable() throws Exception {
        Outbox outbox = start(10, 2_000);
        try {
            List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>();
            for (int n = 0; n < 15; n++) {
                acks.add(outbox.send(OutboxStoreTest.message(MessageClass.TELEMETRY, n)).toCompletableFuture());
            }
            for (int n = 0; n < 15; n++) {
                Acknowledgement a = get(acks.get(n));
                assertEquals(n < 5 ? Outcome.DROPPED : Outcome.DURABLE, a.outcome(), "message " + n + ": " + a);
                if (n < 5) {
                    assertTrue(a.reason().contains("oldest telemetry"), a.reason());
                }
            }
            assertEquals(5L, outbox.snapshot().dropped().get(MessageClass.TELEMETRY));
        } finally {
            outbox.deactivate();
        }
    }

    @Test
    void aRefusalSaysWhyAndNeverCompletesExceptionally() throws Exception {
        Outbox outbox = start(10, 5);
        for (int n = 0; n < 10; n++) {
            assertEquals(Outcome.DURABLE, get(outbox.send(OutboxStoreTest.message(MessageClass.ALARM, n))).outcome());
        }
        Acknowledgement full = get(outbox.send(OutboxStoreTest.message(MessageClass.TELEMETRY, 10)));
        assertEquals(Outcome.REFUSED, full.outcome());
        assertTrue(full.reason().contains("only alarms"), full.reason());
        Acknowledgement alarm = get(outbox.send(OutboxStoreTest.message(MessageClass.ALARM, 11)));
        assertEquals(Outcome.REFUSED, alarm.outcome(), "an alarm is refused, not dropped, when only alarms are left");
        assertEquals(1L, outbox.snapshot().refused().get(MessageClass.ALARM));
        outbox.deactivate();
        Acknowledgement closed = get(outbox.send(OutboxStoreTest.message(MessageClass.ALARM, 12)));
        assertEquals(Outcome.REFUSED, closed.outcome());
        assertEquals("outbox closed", closed.reason());
        assertFalse(closed.isDurable());
    }
}
