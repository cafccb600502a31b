package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

class OutboxStoreTest {

    @TempDir
    Path dir;

    private OutboxStore open(long maxBytes, long maxMessages, long segmentBytes) throws IOException {
        return OutboxStore.open(new StoreSettings(dir, maxBytes, maxMessages, Duration.ofMillis(5), segmentBytes), Clock.systemUTC());
    }

    private OutboxStore open() throws IOException {
        return open(64L << 20, 1_000_000, 1 << 20);
    }

    static UpstreamMessage message(MessageClass c, int n) {
        return new UpstreamMessage(c, "data/t", 1000L + n, Map.of("n", Value.of(n), "s", Value.of("text " + n)), new byte[] {(byte) n});
    }

    private static long appendDurably(OutboxStore store, UpstreamMessage m) throws Exception {
        OutboxStore.Appended a = store.append(m);
        assertTrue(a.accepted(), "accepted " + m);
        a.durable().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return a.id();
    }

    private static List<Integer> numbers(List<OutboundMessage> taken) {
        return taken.stream().map(o -> (Integer) o.message().metrics().get("n").asObject()).toList();
    }

    @Test
    void sendsByClassThenAge() throws Exception {
        try (OutboxStore store = open()) {
            appendDurably(store, message(MessageClass.TELEMETRY, 1));
            appendDurably(store, message(MessageClass.EVENT, 2));
            appendDurably(store, message(MessageClass.ALARM, 3));
            appendDurably(store, message(MessageClass.TELEMETRY, 4));
            appendDurably(store, message(MessageClass.REPLY, 5));
            appendDurably(store, message(MessageClass.LIFECYCLE, 6));
            appendDurably(store, message(MessageClass.ALARM, 7));
            assertEquals(List.of(3, 7, 5, 6, 2, 1, 4), numbers(store.take(100).messages()));
        }
    }

    @Test
    void aRecordReadBackEqualsWhatWasAppended() throws Exception {
        try (OutboxStore store = open()) {
            UpstreamMessage m = message(MessageClass.EVENT, 9);
            long id = appendDurably(store, m);
            OutboundMessage out = store.take(1).messages().get(0);
            assertEquals(id, out.id());
            assertEquals(m.metrics(), out.message().metrics());
            assertEquals(m.topic(), out.message().topic());
            assertEquals(m.timestamp(), out.message().timestamp());
            assertEquals(1, out.message().bodyLength());
        }
    }

    @Test
    void aReleasedMessageGoesBackInItsPlaceWithTheSameId() throws Exception {
        try (OutboxStore store = open()) {
            for (int i = 1; i <= 3; i++) {
                appendDurably(store, message(MessageClass.TELEMETRY, i));
            }
            List<OutboundMessage> first = store.take(2).messages();
            store.release(first.get(1).id());
            store.release(first.get(0).id());
            List<OutboundMessage> again = store.take(3).messages();
            assertEquals(List.of(1, 2, 3), numbers(again));
            assertEquals(first.get(0).id(), again.get(0).id());
        }
    }

    @Test
    void whenFullTheOldestTelemetryIsDroppedAndAlarmsNeverAre() throws Exception {
        try (OutboxStore store = open(64L << 20, 5, 1 << 20)) {
            appendDurably(store, message(MessageClass.ALARM, 1));
            for (int i = 2; i <= 5; i++) {
                appendDurably(store, message(MessageClass.TELEMETRY, i));
            }
            appendDurably(store, message(MessageClass.TELEMETRY, 6));
            assertEquals(1L, store.figures().dropped().get(MessageClass.TELEMETRY));
            for (int i = 7; i <= 10; i++) {
                appendDurably(store, message(MessageClass.ALARM, i));
            }
            // the store holds five alarms now; telemetry finds no room and is refused, alarms are all kept
            assertFalse(store.append(message(MessageClass.TELEMETRY, 11)).accepted());
            assertFalse(store.append(message(MessageClass.ALARM, 12)).accepted());
            OutboxStore.Figures f = store.figures();
            assertEquals(0L, f.dropped().get(MessageClass.ALARM));
            assertEquals(1L, f.refused().get(MessageClass.TELEMETRY));
            assertEquals(1L, f.refused().get(MessageClass.ALARM));
            assertEquals(List.of(1, 7, 8, 9, 10), numbers(store.take(100).messages()));
        }
    }

    @Test
    void anAlarmPushesOutAnEventWhenNoTelemetryIsLeftButTelemetryCannotPushOutAnEvent() throws Exception {
        try (OutboxStore store = open(64L << 20, 2, 1 << 20)) {
            appendDurably(store, message(MessageClass.EVENT, 1));
            appendDurably(store, message(MessageClass.EVENT, 2));
            assertFalse(store.append(message(MessageClass.TELEMETRY, 3)).accepted());
            appendDurably(store, message(MessageClass.ALARM, 4));
            assertEquals(1L, store.figures().dropped().get(MessageClass.EVENT));
            assertEquals(List.of(4, 2), numbers(store.take(100).messages()));
        }
    }

    @Test
    void theByteBoundDropsTelemetryToo() throws Exception {
        try (OutboxStore store = open(2_000, 1_000_000, 1 << 20)) {
            for (int i = 0; i < 100; i++) {
                appendDurably(store, message(MessageClass.TELEMETRY, i));
            }
            OutboxStore.Figures f = store.figures();
            assertTrue(f.bytes() <= 2_000, "bytes " + f.bytes());
            assertTrue(f.dropped().get(MessageClass.TELEMETRY) > 0);
            List<Integer> kept = numbers(store.take(1000).messages());
            assertEquals(99, kept.get(kept.size() - 1), "the newest is kept");
        }
    }

    @Test
    void aRestartKeepsWhatWasNotAcknowledged() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (OutboxStore store = open()) {
            for (int i = 0; i < 10; i++) {
                ids.add(appendDurably(store, message(MessageClass.TELEMETRY, i)));
            }
            List<OutboundMessage> taken = store.take(4).messages();
            store.acknowledge(taken.get(0).id());
            store.acknowledge(taken.get(1).id());
            store.release(taken.get(2).id());
            // taken.get(3) stays in flight when the store closes: it must come back after the restart
        }
        try (OutboxStore store = open()) {
            List<OutboundMessage> again = store.take(100).messages();
            assertEquals(List.of(2, 3, 4, 5, 6, 7, 8, 9), numbers(again));
            assertEquals(ids.subList(2, 10), again.stream().map(OutboundMessage::id).toList());
            long fresh = appendDurably(store, message(MessageClass.TELEMETRY, 10));
            assertTrue(fresh > ids.get(9), "ids are never reused");
        }
    }

    @Test
    void aTornTailIsCutOffAndEverythingBeforeItIsKept() throws Exception {
        try (OutboxStore store = open()) {
            for (int i = 0; i < 10; i++) {
                appendDurably(store, message(MessageClass.EVENT, i));
            }
        }
        Path segment = onlySegmentWithData();
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 7);   // the last record loses its tail
        }
        try (OutboxStore store = open()) {
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), numbers(store.take(100).messages()));
            assertTrue(store.figures().recoveredTruncatedBytes() > 0);
            appendDurably(store, message(MessageClass.EVENT, 10));
        }
        try (OutboxStore store = open()) {
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 10), numbers(store.take(100).messages()));
            assertEquals(0, store.figures().recoveredTruncatedBytes());
        }
    }

    @Test
    void aBadCrcStopsTheScanThere() throws Exception {
        try (OutboxStore store = open()) {
            for (int i = 0; i < 5; i++) {
                appendDurably(store, message(MessageClass.EVENT, i));
            }
        }
        Path segment = onlySegmentWithData();
        byte[] bytes = Files.readAllBytes(segment);
        int recordSize = (bytes.length - SegmentHeader.BYTES) / 5;
        bytes[SegmentHeader.BYTES + 2 * recordSize + 30] ^= 0x40;   // flip a bit inside the third record's message
        Files.write(segment, bytes);
        try (OutboxStore store = open()) {
            assertEquals(List.of(0, 1), numbers(store.take(100).messages()));
        }
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndAcksSurviveARestart() throws Exception {
        try (OutboxStore store = open(64L << 20, 1_000_000, 500)) {
            for (int i = 0; i < 40; i++) {
                appendDurably(store, message(MessageClass.TELEMETRY, i));
            }
            int before = store.segmentCount();
            assertTrue(before > 3, "segments " + before);
            for (OutboundMessage m : store.take(30).messages()) {
                store.acknowledge(m.id());
            }
            appendDurably(store, message(MessageClass.ALARM, 99));   // one more commit writes the acks and cleans up
            appendDurably(store, message(MessageClass.ALARM, 100));
            assertTrue(store.segmentCount() < before, store.segmentCount() + " segments after acknowledging 30 of 40, " + before + " before");
            assertEquals(12L, store.figures().depth().values().stream().mapToLong(Long::longValue).sum());
        }
        try (OutboxStore store = open(64L << 20, 1_000_000, 500)) {
            List<Integer> left = numbers(store.take(100).messages());
            assertEquals(List.of(99, 100, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39), left);
        }
    }

    @Test
    void sparseOldSegmentsAreCompactedAndTheirSurvivorsKeepTheirIdsAndOrder() throws Exception {
        List<Long> eventIds = new ArrayList<>();
        long diskBefore;
        try (OutboxStore store = open(64L << 20, 1_000_000, 600)) {
            for (int i = 0; i < 60; i++) {
                MessageClass c = i % 10 == 0 ? MessageClass.EVENT : MessageClass.TELEMETRY;
                long id = appendDurably(store, message(c, i));
                if (c == MessageClass.EVENT) {
                    eventIds.add(id);
                }
            }
            diskBefore = diskBytes();
            for (OutboundMessage m : store.take(100).messages()) {
                if (m.message().messageClass() == MessageClass.TELEMETRY) {
                    store.acknowledge(m.id());
                } else {
                    store.release(m.id());
                }
            }
            for (int i = 0; i < 3; i++) {
                appendDurably(store, message(MessageClass.ALARM, 100 + i));   // commits: acks, deletions, compaction
            }
            assertTrue(diskBytes() < diskBefore / 2, "disk " + diskBytes() + " bytes after compaction, " + diskBefore + " before");
            assertTrue(store.segmentCount() <= 3, store.segmentCount() + " segments");
        }
        try (OutboxStore store = open(64L << 20, 1_000_000, 600)) {
            List<OutboundMessage> left = store.take(100).messages();
            assertEquals(List.of(100, 101, 102, 0, 10, 20, 30, 40, 50), numbers(left));
            assertEquals(eventIds, left.subList(3, 9).stream().map(OutboundMessage::id).toList(), "moved records keep their ids");
        }
    }

    @Test
    void aLongOutageWithMixedClassesKeepsTheDiskBounded() throws Exception {
        long maxBytes = 20_000;
        try (OutboxStore store = open(maxBytes, 1_000_000, 2_000)) {
            long peak = 0;
            for (int i = 0; i < 3_000; i++) {
                store.append(message(i % 10 == 0 ? MessageClass.EVENT : MessageClass.TELEMETRY, i));
                if (i % 100 == 99) {
                    OutboxStore.Appended a = store.append(message(MessageClass.EVENT, i));
                    if (a.accepted()) {
                        a.durable().toCompletableFuture().get(5, TimeUnit.SECONDS);
                    }
                    Thread.sleep(20);   // the commit's compaction ran
                    peak = Math.max(peak, diskBytes());
                }
            }
            OutboxStore.Figures f = store.figures();
            assertTrue(f.bytes() <= maxBytes, "waiting bytes " + f.bytes());
            assertTrue(f.dropped().get(MessageClass.TELEMETRY) > 2_000, "telemetry dropped " + f.dropped());
            assertTrue(peak < 3 * maxBytes, "disk peaked at " + peak + " bytes for " + maxBytes + " bytes of waiting messages");
        }
    }

    @Test
    void aCrashBetweenCopyingAndDeletingASegmentDoesNotDuplicateItsRecords() throws Exception {
        Path saved = Files.createTempDirectory("outbox-saved");
        List<Long> telemetryIds = new ArrayList<>();
        try (OutboxStore store = open(64L << 20, 1_000_000, 600)) {
            for (int i = 0; i < 30; i++) {
                appendDurably(store, message(i % 10 == 0 ? MessageClass.EVENT : MessageClass.TELEMETRY, i));
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(p -> !p.getFileName().toString().equals("lock")).toList()) {
                    Files.copy(p, saved.resolve(p.getFileName()));
                }
            }
            for (OutboundMessage m : store.take(100).messages()) {
                if (m.message().messageClass() == MessageClass.TELEMETRY) {
                    store.acknowledge(m.id());
                    telemetryIds.add(m.id());
                } else {
                    store.release(m.id());
                }
            }
            for (int i = 0; i < 3; i++) {
                appendDurably(store, message(MessageClass.ALARM, 100 + i));
            }
        }
        // put back the segments compaction deleted, with their telemetry acknowledged as it was when the copies
        // were written: as if the process died after writing the copies and before deleting the originals
        int restored = 0;
        try (Stream<Path> files = Files.list(saved)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".seg")).toList()) {
                if (!Files.exists(dir.resolve(p.getFileName()))) {
                    Files.copy(p, dir.resolve(p.getFileName()));
                    long firstId = Long.parseUnsignedLong(p.getFileName().toString().substring(0, 16), 16);
                    OutboxSegment.Recovered old = OutboxSegment.recover(dir, firstId);
                    old.segment().writeAcks(old.live().stream().map(OutboxSegment.Found::id).filter(telemetryIds::contains).toList());
                    old.segment().force();
                    old.segment().close();
                    restored++;
                }
            }
        }
        assertTrue(restored > 0, "compaction deleted segments");
        try (OutboxStore store = open(64L << 20, 1_000_000, 600)) {
            assertEquals(List.of(100, 101, 102, 0, 10, 20), numbers(store.take(100).messages()));
        }
    }

    private long diskBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefused() throws Exception {
        try (OutboxStore store = open()) {
            org.junit.jupiter.api.Assertions.assertThrows(IOException.class, this::open);
        }
    }

    private Path onlySegmentWithData() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> segments = files.filter(p -> p.toString().endsWith(".seg")).filter(p -> {
                try {
                    return Files.size(p) > SegmentHeader.BYTES;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            assertEquals(1, segments.size(), segments.toString());
            return segments.get(0);
        }
    }
}
