package io.outpost.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.MalformedPayloadException;
import io.outpost.api.hq.Metric;

class KuraJsonDecoderTest {

    private final KuraJsonDecoder decoder = new KuraJsonDecoder();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheProtocolExample() throws MalformedPayloadException {
        DecodedPayload p = decoder.decode(utf8("""
                {"sentOn": 1700000000000,
                 "position": {"latitude": 46.5, "longitude": -6.25, "altitude": 372.0},
                 "metrics": {"temperature": 21.5, "count": 3, "door": true, "state": "ra\\u0069sed \\"x\\"", "raw": "AP8H",
                             "outpost.msgid": 42, "outpost.epoch": 4503599627370497, "big": 1e3},
                 "body": "aGk="}
                """));
        assertEquals(Optional.of(Instant.ofEpochMilli(1_700_000_000_000L)), p.timestamp());
        assertEquals(List.of(new Metric("temperature", 21.5), new Metric("count", 3L), new Metric("door", true),
                new Metric("state", "raised \"x\""), new Metric("raw", "AP8H"), new Metric("outpost.msgid", 42L),
                new Metric("outpost.epoch", 4503599627370497L), new Metric("big", 1000.0)), p.metrics());
    }

    @Test
    void refusesWhatIsNotThePayloadShape() {
        for (String bad : List.of("", "[]", "{\"metrics\": []}", "{\"metrics\": {\"a\": null}}", "{\"metrics\": {\"a\": {}}}",
                "{\"sentOn\": \"x\"}", "{\"sentOn\": 1.5}", "{\"metrics\": {\"a\": 01}}", "{\"a\": 1,}", "{\"a\" 1}",
                "{\"a\": tru}", "{\"a\": \"\\x\"}", "{\"a\": 1} x", "{\"metrics\": {\"\": 1}}")) {
            assertThrows(MalformedPayloadException.class, () -> decoder.decode(utf8(bad)), bad);
        }
        assertThrows(MalformedPayloadException.class, () -> decoder.decode(new byte[] {'{', (byte) 0xff, '}'}), "not UTF-8");
        assertThrows(MalformedPayloadException.class, () -> decoder.decode(utf8("[".repeat(100_000))), "deep nesting");
    }

    @Test
    void randomGarbageNeverThrowsAnythingButMalformed() {
        Random random = new Random(7);
        String alphabet = "{}[]\":,.-+eE0123456789 truefalsenull\\u\n";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder("{\"metrics\":");
            for (int n = random.nextInt(60); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                decoder.decode(utf8(s.toString()));
            } catch (MalformedPayloadException expected) {
                // the only failure allowed
            }
        }
    }

    @Test
    void theKindIsToldByTheFirstNonBlankByte() {
        assertEquals(KuraJsonDecoder.KIND, PayloadInflater.kindOf(utf8("  {\"metrics\":{}}")));
        assertEquals(KuraProtobufDecoder.KIND, PayloadInflater.kindOf(new byte[] {0x08, 0x01}));
    }
}
