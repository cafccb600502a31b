package io.outpost.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.MalformedPayloadException;
import io.outpost.api.hq.Metric;

class KuraProtobufDecoderTest {

    private final KuraProtobufDecoder decoder = new KuraProtobufDecoder();

    private static byte[] typical() {
        return new KuraPayloadBytes().timestamp(1_700_000_000_000L).position().doubleMetric("temperature", 21.5)
                .longMetric("count", -3).intMetric("level", -7).boolMetric("door", true).stringMetric("state", "ünïcode")
                .longMetric("outpost.msgid", 42).longMetric("outpost.epoch", 4503599627370497L).bytes();
    }

    @Test
    void readsEveryValueTypeTheTimestampAndSkipsThePosition() throws MalformedPayloadException {
        DecodedPayload p = decoder.decode(typical());
        assertEquals(Optional.of(Instant.ofEpochMilli(1_700_000_000_000L)), p.timestamp());
        assertEquals(List.of("temperature", "count", "level", "door", "state", "outpost.msgid", "outpost.epoch"),
                p.metrics().stream().map(Metric::name).toList());
        assertEquals(21.5, p.metric("temperature").orElseThrow().value());
        assertEquals(-3L, p.metric("count").orElseThrow().value());
        assertEquals(-7, p.metric("level").orElseThrow().value());
        assertEquals(true, p.metric("door").orElseThrow().value());
        assertEquals("ünïcode", p.metric("state").orElseThrow().value());
        assertEquals(Optional.of(4503599627370497L), p.whole("outpost.epoch"));
    }

    @Test
    void anEmptyPayloadHasNoMetrics() throws MalformedPayloadException {
        assertEquals(new DecodedPayload(Optional.empty(), List.of()), decoder.decode(new byte[0]));
    }

    @Test
    void aTruncatedPayloadIsMalformedAtEveryCut() {
        byte[] whole = typical();
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(whole, cut);
            try {
                decoder.decode(part);
                // a cut exactly between two top-level fields is a shorter valid payload
            } catch (MalformedPayloadException expected) {
                // fine
            }
        }
        assertThrows(MalformedPayloadException.class, () -> decoder.decode(java.util.Arrays.copyOf(whole, whole.length - 1)));
    }

    @Test
    void aMetricWithoutItsValueIsMalformed() {
        byte[] noValue = new byte[] {(byte) 0xc2, (byte) 0xb8, 0x02, 0x05, 0x0a, 0x01, 'x', 0x10, 0x00};
        MalformedPayloadException e = assertThrows(MalformedPayloadException.class, () -> decoder.decode(noValue));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void randomGarbageAndFlippedBytesNeverThrowAnythingButMalformed() {
        Random random = new Random(14);
        byte[] good = typical();
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(300)];
                random.nextBytes(input);
            } else {
                input = good.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                decoder.decode(input);
            } catch (MalformedPayloadException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void gzipIsRecognisedByItsMagicBytesAndABombStopsAtTheLimit() throws MalformedPayloadException {
        PayloadInflater inflater = new PayloadInflater(4096);
        assertArrayEquals(typical(), inflater.inflate(KuraPayloadBytes.gzip(typical())));
        assertArrayEquals(typical(), inflater.inflate(typical()), "not gzip: as it is");
        byte[] bomb = KuraPayloadBytes.gzip(new byte[10_000_000]);
        assertTrue(bomb.length < 20_000);
        assertThrows(MalformedPayloadException.class, () -> inflater.inflate(bomb));
        byte[] corrupt = KuraPayloadBytes.gzip(typical());
        corrupt[corrupt.length / 2] ^= 0x55;
        assertThrows(MalformedPayloadException.class, () -> inflater.inflate(corrupt));
    }
}
