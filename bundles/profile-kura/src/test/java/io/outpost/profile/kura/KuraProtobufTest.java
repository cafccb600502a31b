package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.profile.kura.ProtobufReader.Field;

class KuraProtobufTest {

    static Map<String, Value> everyType() {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("d", Value.of(21.5));
        metrics.put("f", Value.of(-1.25f));
        metrics.put("l", Value.of(-5_000_000_000L));
        metrics.put("i", Value.of(-42));
        metrics.put("b", Value.of(true));
        metrics.put("s", Value.of("caf\u00e9 \"quoted\""));
        metrics.put("x", Value.of(new byte[] {0, (byte) 0xff, 7}));
        return metrics;
    }

    private static Field only(List<Field> fields, int number) {
        List<Field> matching = fields.stream().filter(f -> f.number() == number).toList();
        assertEquals(1, matching.size(), "field " + number + " in " + fields);
        return matching.get(0);
    }

    @Test
    void everyValueTypeGoesToItsOwnFieldWithItsKuraTypeNumber() {
        byte[] bytes = KuraProtobuf.encode(new KuraPayload(1_700_000_000_123L, everyType()));
        List<Field> fields = ProtobufReader.read(bytes);
        assertEquals(1_700_000_000_123L, only(fields, 1).bits());
        List<List<Field>> metrics = fields.stream().filter(f -> f.number() == 5000).map(Field::nested).toList();
        assertEquals(7, metrics.size());

        assertEquals("d", only(metrics.get(0), 1).text());
        assertEquals(KuraProtobuf.DOUBLE, only(metrics.get(0), 2).bits());
        assertEquals(21.5, only(metrics.get(0), 3).asDouble());

        assertEquals(KuraProtobuf.FLOAT, only(metrics.get(1), 2).bits());
        assertEquals(-1.25f, only(metrics.get(1), 4).asFloat());

        assertEquals(KuraProtobuf.INT64, only(metrics.get(2), 2).bits());
        assertEquals(-5_000_000_000L, only(metrics.get(2), 5).bits());

        assertEquals(KuraProtobuf.INT32, only(metrics.get(3), 2).bits());
        assertEquals(-42, (int) only(metrics.get(3), 6).bits());
        assertEquals(-42L, only(metrics.get(3), 6).bits(), "int32 is sign-extended to 64 bits on the wire");

        assertEquals(KuraProtobuf.BOOL, only(metrics.get(4), 2).bits());
        assertEquals(1, only(metrics.get(4), 7).bits());

        assertEquals(KuraProtobuf.STRING, only(metrics.get(5), 2).bits());
        assertEquals("caf\u00e9 \"quoted\"", only(metrics.get(5), 8).text());

        assertEquals(KuraProtobuf.BYTES, only(metrics.get(6), 2).bits());
        assertArrayEquals(new byte[] {0, (byte) 0xff, 7}, only(metrics.get(6), 9).bytes());
    }

    @Test
    void theDoubleTypeZeroIsWrittenBecauseTheFieldIsRequired() {
        List<Field> metric = ProtobufReader.read(only(ProtobufReader.read(KuraProtobuf.encode(new KuraPayload(0, Map.of("z", Value.of(0.0))))), 5000).bytes());
        assertEquals(0, only(metric, 2).bits());
        assertEquals(0.0, only(metric, 3).asDouble());
    }

    @Test
    void metricsWithoutAValueAreLeftOutRatherThanFailingTheMessage() {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("missing", null);
        metrics.put("t", Value.of(1.5));
        List<Field> fields = ProtobufReader.read(KuraProtobuf.encode(new KuraPayload(1, metrics)));
        assertEquals(1, fields.stream().filter(f -> f.number() == 5000).count());
    }

    @Test
    void bodyIsField5001AndLeftOutWhenEmpty() {
        byte[] withBody = KuraProtobuf.encode(new KuraPayload(5, null, Map.of(), new byte[] {9, 8, 7}));
        assertArrayEquals(new byte[] {9, 8, 7}, only(ProtobufReader.read(withBody), 5001).bytes());
        byte[] without = KuraProtobuf.encode(new KuraPayload(5, Map.of()));
        assertTrue(ProtobufReader.read(without).stream().noneMatch(f -> f.number() == 5001));
        assertEquals(2, without.length, "only the timestamp: tag 08 and varint 05");
    }

    @Test
    void positionCarriesRequiredCoordinatesAndOnlyTheOptionalFieldsThatAreSet() {
        KuraPosition position = new KuraPosition(46.5, -6.25, 372.0, null, 90.0, null, 1_700_000_000_000L, 7, null);
        List<Field> fields = ProtobufReader.read(KuraProtobuf.encode(new KuraPayload(1, position, Map.of(), null)));
        List<Field> pos = only(fields, 2).nested();
        assertEquals(46.5, only(pos, 1).asDouble());
        assertEquals(-6.25, only(pos, 2).asDouble());
        assertEquals(372.0, only(pos, 3).asDouble());
        assertEquals(90.0, only(pos, 5).asDouble());
        assertEquals(1_700_000_000_000L, only(pos, 7).bits());
        assertEquals(7, only(pos, 8).bits());
        assertEquals(List.of(1, 2, 3, 5, 7, 8), pos.stream().map(Field::number).toList());
    }

    @Test
    void gzipWrapsTheSameBytesAndStartsWithTheGzipMagic() throws IOException {
        KuraPayload payload = new KuraPayload(1, everyType());
        byte[] zipped = new PayloadFormat(PayloadFormat.Encoding.PROTOBUF, true).encode(payload);
        assertEquals((byte) 0x1f, zipped[0]);
        assertEquals((byte) 0x8b, zipped[1]);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            assertArrayEquals(KuraProtobuf.encode(payload), in.readAllBytes());
        }
    }
}
