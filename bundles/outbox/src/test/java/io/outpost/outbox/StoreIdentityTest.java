package io.outpost.outbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/** The store's identity: its epoch, dense ids across restarts and deletions, and the formats it reads. */
class StoreIdentityTest {

    @TempDir
    Path dir;

    private OutboxStore open(long segmentBytes) throws IOException {
        return OutboxStore.open(new StoreSettings(dir, 64L << 20, 1_000_000, Duration.ofMillis(5), segmentBytes), Clock.systemUTC());
    }

    private OutboxStore open() throws IOException {
        return open(1 << 20);
    }

    private static long appendDurably(OutboxStore store, int n) throws Exception {
        OutboxStore.Appended a = store.append(OutboxStoreTest.message(MessageClass.TELEMETRY, n));
        assertTrue(a.accepted());
        a.durable().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return a.id();
    }

    private List<String> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".seg")).sorted().toList();
        }
    }

    /**
     * The fixture in src/test/resources/io/outpost/outbox/format-1 was written by the outbox as of commit 98b7e44
     * (segment format 1: no header, no epoch) with a throwaway test, V1FixtureMakerTest, committed with it in 0cf2b5f and
     * removed afterwards: a fixed clock (appendedAt 1700000000000), one message per class in MessageClass order (ids 1-5)
     * with one metric of every value type, one more telemetry (id 6), ids 4 (the event) and 6 acknowledged, then the
     * store reopened once with nothing appended, which left the empty segment 0000000000000006.seg.
     */
    @Test
    void readsAStoreOfFormatOneAndCarriesOnWithDenseIdsInANewEpoch() throws Exception {
        copyFormatOneFixture();
        long epoch;
        try (OutboxStore store = open()) {
            epoch = store.epoch();
            assertTrue(StoreEpoch.isValid(epoch), "a format-1 store gets an epoch: " + epoch);
            List<OutboundMessage> left = store.take(100).messages();
            assertEquals(List.of(1L, 2L, 3L, 5L), left.stream().map(OutboundMessage::id).toList(), "4 and 6 were acknowledged");
            assertEquals(List.of(MessageClass.ALARM, MessageClass.REPLY, MessageClass.LIFECYCLE, MessageClass.TELEMETRY),
                left.stream().map(m -> m.message().messageClass()).toList());
            int[] n = {0, 1, 2, 4};
            for (int i = 0; i < left.size(); i++) {
                OutboundMessage m = left.get(i);
                MessageClass c = m.message().messageClass();
                assertEquals(epoch, m.epoch());
                assertEquals("data/v1-" + c.name().toLowerCase(), m.message().topic());
                assertEquals(1_600_000_000_000L + n[i], m.message().timestamp());
                assertEquals(fixtureMetrics(n[i], c), m.message().metrics());
                assertEquals(List.of(ValueType.BOOLEAN, ValueType.INT32, ValueType.INT64, ValueType.FLOAT, ValueType.DOUBLE, ValueType.STRING,
                    ValueType.BYTES), m.message().metrics().values().stream().map(Value::type).toList());
                assertArrayEquals(new byte[] {(byte) n[i], 42}, m.message().body());
                store.release(m.id());
            }
            assertEquals(1_700_000_000_000L, store.figures().oldestAppendedAt());
            assertEquals(7, appendDurably(store, 7), "one past the highest id ever given (6, acknowledged), not past the empty segment");
        }
        assertEquals(epoch, StoreEpoch.read(dir));
        try (OutboxStore store = open()) {
            assertEquals(epoch, store.epoch(), "kept across a restart");
            assertEquals(List.of(1L, 2L, 3L, 5L, 7L), store.take(100).messages().stream().map(OutboundMessage::id).toList());
            assertEquals(8, appendDurably(store, 8));
        }
    }

    @Test
    void formatOneRecordsCopiedByCompactionIntoAFormatTwoSegmentReadTheSame() throws Exception {
        copyFormatOneFixture();
        try (OutboxStore store = open()) {
            for (OutboundMessage m : store.take(100).messages()) {
                if (m.message().messageClass() == MessageClass.ALARM || m.message().messageClass() == MessageClass.REPLY) {
                    store.acknowledge(m.id());   // two of six left: the format-1 segment is sparse and gets compacted
                } else {
                    store.release(m.id());
                }
            }
            appendDurably(store, 7);
            appendDurably(store, 8);
        }
        assertEquals(List.of("0000000000000007.seg"), segmentFiles(), "the format-1 segment is gone, its survivors copied");
        try (OutboxStore store = open()) {
            List<OutboundMessage> left = store.take(100).messages();
            assertEquals(List.of(3L, 5L, 7L, 8L), left.stream().map(OutboundMessage::id).toList());
            assertEquals(fixtureMetrics(2, MessageClass.LIFECYCLE), left.get(0).message().metrics());
            assertEquals(fixtureMetrics(4, MessageClass.TELEMETRY), left.get(1).message().metrics());
            assertEquals(9, appendDurably(store, 9));
        }
    }

    private void copyFormatOneFixture() throws IOException {
        for (String name : List.of("0000000000000001.seg", "0000000000000001.ack", "0000000000000006.seg")) {
            try (InputStream in = getClass().getResourceAsStream("format-1/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
    }

    /** What V1FixtureMakerTest wrote as the metrics of message n. */
    private static Map<String, Value> fixtureMetrics(int n, MessageClass c) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("bool", Value.of(n % 2 == 0));
        metrics.put("i32", Value.of(-7 - n));
        metrics.put("i64", Value.of(1L << 40 | n));
        metrics.put("f32", Value.of(1.5f + n));
        metrics.put("f64", Value.of(-21.25 - n));
        metrics.put("str", Value.of("grüße " + c));
        metrics.put("raw", Value.of(new byte[] {0, (byte) 0xff, (byte) n}));
        return metrics;
    }

    @Test
    void restartsWithNothingAppendedSkipNoId() throws Exception {
        try (OutboxStore store = open()) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, appendDurably(store, i));
            }
        }
        for (int restart = 0; restart < 3; restart++) {
            open().close();
        }
        try (OutboxStore store = open()) {
            assertEquals(4, appendDurably(store, 4));
        }
        assertEquals(List.of("0000000000000001.seg", "0000000000000004.seg"), segmentFiles(), "the empty segment was used again");
    }

    @Test
    void idsContinueWhenEveryMessageWasDeliveredAndItsSegmentsDeleted() throws Exception {
        try (OutboxStore store = open(500)) {
            for (int i = 1; i <= 40; i++) {
                appendDurably(store, i);
            }
            assertTrue(store.segmentCount() > 3);
            for (OutboundMessage m : store.take(100).messages()) {
                store.acknowledge(m.id());   // the highest ids too: they were given and must not come again
            }
        }
        open(500).close();
        assertEquals(List.of("0000000000000029.seg"), segmentFiles(), "only the active segment is left, named by the next id (41)");
        try (OutboxStore store = open(500)) {
            assertEquals(41, appendDurably(store, 41));
            assertEquals(0, store.figures().depth().get(MessageClass.ALARM));
        }
    }

    @Test
    void theEpochIsKeptAcrossRestartsAndTravelsWithEveryMessage() throws Exception {
        long epoch;
        try (OutboxStore store = open()) {
            epoch = store.epoch();
            appendDurably(store, 1);
            assertEquals(epoch, store.take(1).messages().get(0).epoch());
        }
        assertTrue(StoreEpoch.isValid(epoch));
        assertEquals(epoch + "\n", Files.readString(dir.resolve("epoch"), StandardCharsets.US_ASCII));
        try (OutboxStore store = open()) {
            assertEquals(epoch, store.epoch());
            assertEquals(epoch, store.take(1).messages().get(0).epoch());
        }
    }

    @Test
    void aStoreWhoseSegmentsAreGoneStartsANewEpochAndOneWhoseEpochFileIsGoneKeepsItsOwn() throws Exception {
        long first;
        try (OutboxStore store = open()) {
            first = store.epoch();
            appendDurably(store, 1);
        }
        Files.delete(dir.resolve("epoch"));
        try (OutboxStore store = open()) {
            assertEquals(first, store.epoch(), "read back from the segment headers");
            assertEquals(2, appendDurably(store, 2));
        }
        for (String segment : segmentFiles()) {
            Files.delete(dir.resolve(segment));
        }
        try (OutboxStore store = open()) {
            assertNotEquals(first, store.epoch(), "ids start again at 1: they must not be taken for the old ones");
            assertEquals(1, appendDurably(store, 1));
        }
    }

    @Test
    void aSegmentOfANewerFormatIsRefusedAndLeavesTheDirectoryFree() throws Exception {
        try (OutboxStore store = open()) {
            appendDurably(store, 1);
        }
        Path segment = dir.resolve("0000000000000002.seg");
        ByteBuffer header = ByteBuffer.allocate(SegmentHeader.BYTES);
        header.putInt(SegmentHeader.MAGIC).putInt(SegmentHeader.FORMAT + 1).putLong(1).putLong(2);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header.array(), 0, SegmentHeader.BYTES - 4);
        header.putInt((int) crc.getValue());
        Files.write(segment, header.array());
        IOException refused = assertThrows(IOException.class, this::open);
        assertTrue(refused.getMessage().contains("format " + (SegmentHeader.FORMAT + 1)), refused.getMessage());
        assertEquals(SegmentHeader.BYTES, Files.size(segment), "left as it was");
        Files.delete(segment);
        try (OutboxStore store = open()) {
            assertEquals(1, store.take(10).messages().size(), "the lock was released");
        }
    }

    @Test
    void aSegmentWhoseCreationWasCutShortStillCountsItsName() throws Exception {
        try (OutboxStore store = open()) {
            appendDurably(store, 1);
        }
        // as if the process died while writing the header of segment 9 (its name says ids below 9 were given)
        Files.write(dir.resolve("0000000000000009.seg"), new byte[] {0x4F, 0x50, 0x53});
        try (OutboxStore store = open()) {
            assertEquals(9, appendDurably(store, 9));
            assertEquals(1, store.take(10).messages().get(0).id());
        }
        try (OutboxStore store = open()) {
            Set<Long> ids = new HashSet<>();
            store.take(10).messages().forEach(m -> ids.add(m.id()));
            assertEquals(Set.of(1L, 9L), ids);
        }
    }

    @Test
    void aDirectoryThatCannotHoldTheStoreIsRefusedNamingTheField() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IOException e = assertThrows(IOException.class, () -> StoreLocation.open(
            new StoreSettings(file.resolve("outbox"), 64L << 20, 1000, Duration.ofMillis(5), 1 << 20), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("'directory' " + file.resolve("outbox")), e.getMessage());
    }

    @Test
    void everyClassAndValueTypeHasItsOwnFixedCode() {
        List<Integer> classCodes = new ArrayList<>();
        for (MessageClass c : MessageClass.values()) {
            classCodes.add(StoreCodes.of(c));
            assertEquals(c, StoreCodes.messageClass(StoreCodes.of(c)));
        }
        // the codes on disk since format 1: changing one re-labels every stored record
        assertEquals(List.of(0, 1, 2, 3, 4), classCodes);
        List<Integer> typeCodes = new ArrayList<>();
        for (ValueType t : ValueType.values()) {
            typeCodes.add(StoreCodes.of(t));
            assertEquals(t, StoreCodes.valueType(StoreCodes.of(t)));
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), typeCodes);
        assertThrows(IllegalArgumentException.class, () -> StoreCodes.messageClass(5));
        assertThrows(IllegalArgumentException.class, () -> StoreCodes.valueType(7));
    }

    @Test
    void aMessageWithAnUnknownCodeIsRefusedRatherThanMisread() {
        byte[] bytes = MessageCodec.encode(new UpstreamMessage(MessageClass.EVENT, "data/x", 1L, Map.of("v", Value.of(1))));
        bytes[1] = 9;   // the class code
        assertThrows(IllegalArgumentException.class, () -> MessageCodec.decode(bytes));
    }
}
