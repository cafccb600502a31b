package io.outpost.codec.compact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

class CompactFrameTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });
    final GatewayKey key = GatewayKey.of(4711, KEY);
    final AtomicLong seq = new AtomicLong();
    final FrameSealer sealer = new FrameSealer(key, Direction.UPLINK, Bearer.SATELLITE, seq::incrementAndGet);
    final FrameOpener opener = new FrameOpener(key, Direction.UPLINK, Bearer.SATELLITE, new ReplayWindow(0));

    static UpstreamMessage alarm() {
        return new UpstreamMessage(MessageClass.ALARM, "alarm/boiler/temp", 1_764_650_000_000L,
            Map.of("value", Value.of(97.5), "state", Value.of("HIGH")));
    }

    @Test
    void messageRoundTripsThroughSealAndOpen() {
        byte[] frame = sealer.seal(MessageBody.encode(alarm()));
        OpenedFrame.Opened opened = assertInstanceOf(OpenedFrame.Opened.class, opener.open(frame));
        assertEquals(4711, opened.gatewayId());
        assertEquals(1, opened.sequence());
        UpstreamMessage back = MessageBody.decode(opened.body());
        assertEquals(alarm().topic(), back.topic());
        assertEquals(alarm().timestamp(), back.timestamp());
        assertEquals(alarm().metrics(), back.metrics());
        assertEquals(MessageClass.ALARM, back.messageClass());
    }

    @Test
    void everyFlippedBitIsRefusedAsNotAuthentic() {
        byte[] frame = sealer.seal(MessageBody.encode(alarm()));
        for (int i = Frames.HEADER_BYTES; i < frame.length; i++) {
            byte[] bad = frame.clone();
            bad[i] ^= 0x10;
            assertEquals(new OpenedFrame.Refused(Refusal.NOT_AUTHENTIC), opener.open(bad), "byte " + i);
        }
        byte[] otherSequence = frame.clone();
        otherSequence[8] ^= 1;
        assertEquals(new OpenedFrame.Refused(Refusal.NOT_AUTHENTIC), opener.open(otherSequence));
        assertInstanceOf(OpenedFrame.Opened.class, opener.open(frame));
    }

    @Test
    void aReplayedFrameIsRefusedButOutOfOrderFramesAreAcceptedOnce() {
        byte[] first = sealer.seal(MessageBody.command("a"));
        byte[] second = sealer.seal(MessageBody.command("b"));
        assertInstanceOf(OpenedFrame.Opened.class, opener.open(second));
        assertInstanceOf(OpenedFrame.Opened.class, opener.open(first));
        assertEquals(new OpenedFrame.Refused(Refusal.REPLAYED), opener.open(first));
        assertEquals(new OpenedFrame.Refused(Refusal.REPLAYED), opener.open(second));
        assertEquals(2, opener.refused(Refusal.REPLAYED));
    }

    @Test
    void aFrameOlderThanTheWindowIsRefused() {
        byte[] old = sealer.seal(MessageBody.command("old"));
        for (int i = 0; i < ReplayWindow.WIDTH; i++) {
            assertInstanceOf(OpenedFrame.Opened.class, opener.open(sealer.seal(MessageBody.command("n"))));
        }
        assertEquals(new OpenedFrame.Refused(Refusal.REPLAYED), opener.open(old));
    }

    @Test
    void truncatedForeignAndWrongDirectionFramesAreRefused() {
        byte[] frame = sealer.seal(MessageBody.encode(alarm()));
        for (int len = 0; len < frame.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(frame, len);
            OpenedFrame.Refused r = assertInstanceOf(OpenedFrame.Refused.class, opener.open(cut), "length " + len);
            assertTrue(r.reason() == Refusal.TRUNCATED || r.reason() == Refusal.NOT_AUTHENTIC, r.toString());
        }
        FrameOpener other = new FrameOpener(GatewayKey.of(4712, KEY), Direction.UPLINK, Bearer.SATELLITE, new ReplayWindow(0));
        assertEquals(new OpenedFrame.Refused(Refusal.UNKNOWN_GATEWAY), other.open(frame));
        FrameOpener downlink = new FrameOpener(key, Direction.DOWNLINK, Bearer.SATELLITE, new ReplayWindow(0));
        assertEquals(new OpenedFrame.Refused(Refusal.NOT_AUTHENTIC), downlink.open(frame));
        FrameOpener sms = new FrameOpener(key, Direction.UPLINK, Bearer.SMS, new ReplayWindow(0));
        assertEquals(new OpenedFrame.Refused(Refusal.NOT_AUTHENTIC), sms.open(frame));
        byte[] v2 = frame.clone();
        v2[0] = 2;
        assertEquals(new OpenedFrame.Refused(Refusal.UNKNOWN_VERSION), opener.open(v2));
    }

    @Test
    void randomGarbageNeverOpensAndNeverThrows() {
        Random random = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[random.nextInt(400)];
            random.nextBytes(junk);
            if (junk.length > 0 && random.nextBoolean()) {
                junk[0] = 1;
            }
            assertInstanceOf(OpenedFrame.Refused.class, opener.open(junk));
        }
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[random.nextInt(100)];
            random.nextBytes(junk);
            for (BodyKind kind : BodyKind.values()) {
                if (junk.length > 0) {
                    junk[0] = (byte) kind.code();
                }
                decodeOrMalformed(junk);
            }
        }
    }

    private static void decodeOrMalformed(byte[] body) {
        try {
            switch (BodyKind.of(body)) {
                case MESSAGE -> MessageBody.decode(body);
                case READINGS -> ReadingBatch.decode(body);
                case CHANNEL_TABLE -> ChannelTable.decode(body);
                case COMMAND -> MessageBody.decodeCommand(body);
            }
        } catch (MalformedBodyException expected) {
            // the only failure a body may show
        }
    }

    @Test
    void fortyThreeTypicalFloatReadingsFillOne340ByteSbdMessage() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            names.add("device" + (i / 4) + "/ch" + i);
        }
        ChannelTable table = new ChannelTable(names);
        List<ReadingBatch.Entry> entries = new ArrayList<>();
        long t = 1_764_650_000L;
        Random random = new Random(7);
        for (int i = 0; i < 100; i++) {
            t += 10 + random.nextInt(50);
            entries.add(new ReadingBatch.Entry(i % 24, t, Value.of(20f + random.nextFloat() * 60), Quality.GOOD));
        }
        int fit = ReadingBatch.fitting(table.hash(), entries, Frames.bodyCapacity(340));
        assertEquals(43, fit);
        ReadingBatch batch = new ReadingBatch(table.hash(), entries.subList(0, fit));
        byte[] frame = sealer.seal(batch.encode());
        assertTrue(frame.length <= 340, frame.length + " bytes");
        ReadingBatch back = ReadingBatch.decode(((OpenedFrame.Opened) opener.open(frame)).body());
        assertEquals(batch, back);
        assertEquals(names.get(5), back.channelNames(h -> h == table.hash() ? table : null).get(5));
        assertEquals(table, ChannelTable.decode(table.encode()));
    }

    @Test
    void anAlarmFitsOneSmsAndComesBack() {
        byte[] frame = sealer.seal(MessageBody.encode(alarm()));
        String text = SmsText.encode(frame);
        assertTrue(text.length() <= 160, text.length() + " characters");
        assertTrue(text.matches("OP1:[A-Za-z0-9+/]+"), text);
        assertArrayEquals(frame, SmsText.decode(text).orElseThrow());
        assertTrue(SmsText.decode("Your balance is 3 EUR").isEmpty());
        assertTrue(SmsText.decode("OP1:***").isEmpty());
    }

    @Test
    void theFileSequenceNeverRepeatsAcrossRestarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seq");
        FileSequence first = new FileSequence(file, 10);
        assertEquals(1, first.next());
        assertEquals(2, first.next());
        FileSequence afterRestart = new FileSequence(file, 10);
        assertEquals(11, afterRestart.next());
        assertEquals("20", Files.readString(file));
        Files.writeString(file, "junk");
        assertThrows(java.io.IOException.class, () -> new FileSequence(file, 10));
    }

    @Test
    void aBadKeyIsRefusedNamingTheField() {
        assertEquals("'key' must be 32 bytes (AES-256) in base64, is 3 bytes",
            assertThrows(IllegalArgumentException.class, () -> GatewayKey.of(1, "AAAA")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GatewayKey.of(-1, KEY)).getMessage().startsWith("'gatewayId'"));
    }
}
