package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.Acknowledgement.Outcome;
import io.outpost.api.upstream.MessageClass;

/**
 * The outbox on a real, small file system that fills up (a 16 MB tmpfs the test mounts; the tests run as root):
 * it backs off, keeps what waits to be written bounded, refuses telemetry before alarms, says it is degraded,
 * closes in time, and carries on by itself when space returns, with every durable message delivered once.
 */
class OutboxFullDiskTest {

    @TempDir
    Path parent;

    private Path mount;
    private final List<Outbox> started = new ArrayList<>();

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = parent.resolve("small");
        Files.createDirectories(mount);
        String failure = run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString());
        if (failure != null) {
            fail("cannot mount a 16 MB tmpfs at " + mount + " for the full-disk test (it needs root with CAP_SYS_ADMIN, "
                + "e.g. a privileged container): " + failure);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        started.forEach(Outbox::deactivate);
        run("umount", "-l", mount.toString());
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() == 0 ? null : String.join(" ", command) + " exited " + p.exitValue() + ": " + output;
    }

    private Outbox start(ConfirmingLink link) throws Exception {
        StoreSettings store = new StoreSettings(mount.resolve("store"), 64L << 20, 500_000, Duration.ofMillis(20), 128 * 1024);
        Outbox outbox = new Outbox(new OutboxSettings(store, Duration.ofSeconds(30)), Clock.systemUTC(), io.outpost.api.router.Router.fixed(io.outpost.api.router.RoutingTable.everything("fast")));
        started.add(outbox);
        outbox.bindLink(link, Map.of(Link.ID, "fast"));
        return outbox;
    }

    private static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** A file of this many bytes, or as many as fit. */
    private static Path filler(Path mount, long bytes) throws IOException {
        Path filler = mount.resolve("filler");
        byte[] chunk = new byte[64 * 1024];
        try (var out = Files.newOutputStream(filler)) {
            for (long written = 0; written < bytes; written += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!full.getMessage().contains("space")) {
                throw full;
            }
        }
        return filler;
    }

    @Test
    @Timeout(120)
    void aFullDiskIsSurvivedAndWhenSpaceReturnsEveryDurableMessageArrivesOnce() throws Exception {
        Path filler = filler(mount, 12L << 20);   // about 4 MB left for the store
        ConfirmingLink link = new ConfirmingLink(LinkState.DOWN);
        Outbox outbox = start(link);
        List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>();
        long maxUnwritten = 0;
        long degradedAt = 0;
        String seenDegraded = null;
        for (int n = 0; n < 400_000 && (degradedAt == 0 || System.nanoTime() - degradedAt < TimeUnit.SECONDS.toNanos(2)); n++) {
            MessageClass c = n % 50 == 0 ? MessageClass.ALARM : MessageClass.TELEMETRY;
            acks.add(outbox.send(OutboxStoreTest.message(c, n)).toCompletableFuture());
            if (n % 200 == 0) {
                OutboxSnapshot s = outbox.snapshot();
                maxUnwritten = Math.max(maxUnwritten, s.unwrittenBytes());
                if (degradedAt == 0 && s.degraded().containsKey(OutboxSnapshot.DISK)) {
                    degradedAt = System.nanoTime();
                    seenDegraded = OutboxCommand.render(s);
                }
                Thread.sleep(1);   // a busy producer, not a tight loop
            }
        }
        assertTrue(degradedAt != 0, "the disk filled up and the outbox said so");
        assertTrue(seenDegraded.contains("degraded: disk"), seenDegraded);
        assertTrue(maxUnwritten <= UnwrittenLimit.DEFAULT.alarms(), "unwritten bytes stayed bounded: " + maxUnwritten);
        long refusedTelemetry = acks.stream().filter(a -> a.isDone() && a.join().outcome() == Outcome.REFUSED).count();
        assertTrue(refusedTelemetry > 0, "telemetry was refused while the disk was full");
        for (int n = 0; n < acks.size(); n += 50) {
            CompletableFuture<Acknowledgement> alarm = acks.get(n);
            int number = n;
            assertFalse(alarm.isDone() && alarm.join().outcome() == Outcome.REFUSED, () -> "alarm " + number + " was refused: " + alarm.join());
        }
        acks.stream().filter(a -> a.isDone() && a.join().outcome() == Outcome.REFUSED).findFirst()
            .ifPresent(a -> assertTrue(a.join().reason().contains("disk"), a.join().reason()));

        Files.delete(filler);   // space returns; nothing else is done
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        until(Duration.ofSeconds(10), "the degraded state to clear", () -> !outbox.snapshot().isDegraded());
        List<Integer> durable = new ArrayList<>();
        for (int n = 0; n < acks.size(); n++) {
            Acknowledgement a = acks.get(n).join();
            assertTrue(a.outcome() != Outcome.DROPPED, "nothing was dropped (the store bounds were not reached): " + n + " " + a);
            if (a.isDurable()) {
                durable.add(n);
            } else {
                assertTrue(n % 50 != 0, "only telemetry refused, not alarm " + n + ": " + a);
            }
        }

        // a restart reads back what the full disk held: each durable message once, none twice
        outbox.deactivate();
        started.remove(outbox);
        link.set(LinkState.UP);
        Outbox again = start(link);
        until(Duration.ofSeconds(60), durable.size() + " durable messages at the link", () -> link.idOfN.size() >= durable.size());
        for (int n : durable) {
            assertTrue(link.idOfN.containsKey(n), "durable message " + n + " arrived");
        }
        link.timesById.forEach((id, times) -> assertEquals(1L, times.get(), "message id " + id + " delivered once"));
        assertEquals(durable.size(), link.idOfN.size(), "nothing arrived that was not acknowledged durable");
        until(Duration.ofSeconds(10), "the store to empty", () -> again.snapshot().totalDepth() == 0);
    }

    @Test
    @Timeout(60)
    void closingWhileTheDiskIsFullEndsInTimeAndTellsTheSendersTheirMessagesWereNotStored() throws Exception {
        Outbox outbox = start(new ConfirmingLink(LinkState.DOWN));   // the store exists (epoch, first segment header)
        filler(mount, Long.MAX_VALUE);   // then as much as fits: the store's first write of a record already fails
        List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>();
        for (int n = 0; n < 20_000; n++) {
            acks.add(outbox.send(OutboxStoreTest.message(MessageClass.ALARM, n)).toCompletableFuture());
        }
        until(Duration.ofSeconds(10), "the outbox to say the disk is degraded", () -> outbox.snapshot().isDegraded());
        long started = System.nanoTime();
        outbox.deactivate();
        this.started.remove(outbox);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMillis < OutboxStore.CLOSE_MILLIS + 6_000, "closing took " + tookMillis + " ms");
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("outpost-outbox-commit") && t.isAlive()),
            "no committer thread left behind");
        for (CompletableFuture<Acknowledgement> ack : acks) {
            Acknowledgement a = ack.get(1, TimeUnit.SECONDS);
            assertEquals(Outcome.REFUSED, a.outcome(), "not stored, and the sender hears so: " + a);
        }
    }

    @Test
    @Timeout(60)
    void aGatewayRestartedOnAFullDiskOpensItsStoreAndSendsWhatItHolds() throws Exception {
        Outbox first = start(new ConfirmingLink(LinkState.DOWN));
        for (int n = 0; n < 100; n++) {
            assertEquals(Outcome.DURABLE, first.send(OutboxStoreTest.message(MessageClass.ALARM, n)).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).outcome());
        }
        first.deactivate();
        started.remove(first);
        filler(mount, Long.MAX_VALUE);   // no room for the new segment an opening starts

        ConfirmingLink link = new ConfirmingLink(LinkState.DOWN);
        Outbox again = start(link);
        assertEquals(100, again.snapshot().totalDepth(), "the kept messages are there");
        link.set(LinkState.UP);
        until(Duration.ofSeconds(10), "the kept messages to arrive", () -> link.idOfN.size() == 100);
        for (int n = 0; n < 100; n++) {
            assertTrue(link.idOfN.containsKey(n), "kept message " + n + " arrived");
        }
    }
}
