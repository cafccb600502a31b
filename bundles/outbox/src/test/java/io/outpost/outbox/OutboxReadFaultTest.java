package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;

/** A read that fails never costs a stored message: it stays in its place and is read again. */
class OutboxReadFaultTest {

    @TempDir
    Path dir;

    private OutboxStore open() throws Exception {
        return OutboxStore.open(new StoreSettings(dir, 64L << 20, 1_000_000, Duration.ofMillis(5), 1 << 20), Clock.systemUTC());
    }

    /** Stores {@code count} telemetry messages and reopens the store, so that every record is read back from its segment. */
    private OutboxStore storedOnDisk(int count) throws Exception {
        try (OutboxStore store = open()) {
            OutboxStore.Appended last = null;
            for (int n = 0; n < count; n++) {
                last = store.append(OutboxStoreTest.message(MessageClass.TELEMETRY, n));
            }
            assertTrue(last.durable().toCompletableFuture().get(5, TimeUnit.SECONDS).isDurable());
        }
        return open();
    }

    private static List<Integer> numbers(List<OutboundMessage> taken) {
        return taken.stream().map(o -> (Integer) o.message().metrics().get("n").asObject()).toList();
    }

    @Test
    void aReadWhoseChannelIsClosedUnderItByAnInterruptKeepsEveryRecordAndTheNextReadGetsThem() throws Exception {
        try (OutboxStore store = storedOnDisk(500)) {
            Thread.currentThread().interrupt();   // the read's FileChannel throws ClosedByInterruptException and closes
            OutboxStore.Taken interrupted = store.take(100);
            assertTrue(Thread.interrupted(), "the test's own interrupt is still set");
            assertTrue(interrupted.readFailed(), "the failed read is reported, so the caller backs off");
            assertEquals(0, store.figures().discarded(), "nothing discarded for a read error");
            assertEquals(500L, store.figures().depth().get(MessageClass.TELEMETRY), "every record still stored");

            List<Integer> all = new ArrayList<>(numbers(interrupted.messages()));
            while (all.size() < 500) {
                OutboxStore.Taken taken = store.take(100);
                assertFalse(taken.readFailed(), "the reader channel is opened again");
                all.addAll(numbers(taken.messages()));
            }
            List<Integer> expected = new ArrayList<>();
            for (int n = 0; n < 500; n++) {
                expected.add(n);
            }
            assertEquals(expected, all, "every record, in order, none lost and none twice");
            assertTrue(store.append(OutboxStoreTest.message(MessageClass.ALARM, 999)).durable().toCompletableFuture()
                .get(5, TimeUnit.SECONDS).isDurable(), "the committer's channel was not closed by the reader's interrupt");
        }
    }

    @Test
    void aRecordThatFailsItsCrcWhenReadBackIsKeptAndSetAsideAfterThreeTriesWhileTheOthersFlow() throws Exception {
        try (OutboxStore store = open()) {
            for (int n = 0; n < 3; n++) {
                store.append(OutboxStoreTest.message(MessageClass.EVENT, n)).durable().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
        }
        try (OutboxStore store = open()) {
            // rot the last byte of the first record (its body) after the opening scan accepted it; the three records are the same size
            int recordSize = OutboxSegment.HEADER + OutboxSegment.BODY_PREFIX
                + MessageCodec.encode(OutboxStoreTest.message(MessageClass.EVENT, 0)).length;
            long bodyByte = Files.size(segment) - 2L * recordSize - 1;
            try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {0x55}), bodyByte);
            }
            for (int attempt = 1; attempt < OutboxStore.BAD_READS_BEFORE_SET_ASIDE; attempt++) {
                OutboxStore.Taken taken = store.take(10);
                assertTrue(taken.readFailed(), "attempt " + attempt + " reads bad bytes");
                assertEquals(List.of(), numbers(taken.messages()), "order kept: nothing behind the bad record is sent yet");
            }
            OutboxStore.Taken last = store.take(10);
            assertTrue(last.readFailed());
            assertEquals(List.of(1, 2), numbers(store.take(10).messages()), "set aside after three tries, the others flow");
            assertEquals(0, store.figures().discarded(), "not dropped: it stays on disk");
            assertEquals(1, store.figures().setAside());
            assertTrue(store.figures().diskProblem() == null || store.figures().diskProblem().startsWith("cannot read"));
        }
    }
}
