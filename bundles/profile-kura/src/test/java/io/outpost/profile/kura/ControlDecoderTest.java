package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.profile.ControlDecoding;
import io.outpost.api.profile.ControlMessage;
import io.outpost.api.profile.GatewayIdentity;

class ControlDecoderTest {

    private static final GatewayIdentity GW = new GatewayIdentity("acme", "gw-7");
    private static final String ROOT = "$EDC/acme/gw-7/";
    private final ControlDecoder decoder = new ControlDecoder("$EDC", new RequestLimits(4096, 16384));

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        }
        return out.toByteArray();
    }

    private ControlMessage decoded(String topic, byte[] payload) {
        ControlDecoding d = decoder.decode(GW, topic, payload);
        assertTrue(d.decoded().isPresent(), () -> "refused: " + d.refusal());
        return d.message();
    }

    private String refusal(String topic, byte[] payload) {
        ControlDecoding d = decoder.decode(GW, topic, payload);
        assertTrue(d.decoded().isEmpty(), "decoded " + d.message());
        return d.refusal();
    }

    @Test
    void aProtobufRequestGivesEveryMetricWithItsTypeTheBodyAndTheTopicBelowTheRoot() {
        Map<String, Value> metrics = new LinkedHashMap<>(KuraProtobufTest.everyType());
        metrics.put("request.id", Value.of("r-1"));
        byte[] payload = KuraProtobuf.encode(new KuraPayload(5, null, metrics, "[1]".getBytes(StandardCharsets.UTF_8)));
        ControlMessage m = decoded(ROOT + "ASSET-V1/EXEC/read", payload);
        assertEquals("ASSET-V1/EXEC/read", m.topic());
        assertEquals(metrics.keySet(), m.metrics().keySet());
        metrics.forEach((name, value) -> {
            if (value instanceof Value.BytesValue b) {
                assertArrayEquals(b.value(), ((Value.BytesValue) m.metrics().get(name)).value());
            } else {
                assertEquals(value, m.metrics().get(name), name);
            }
        });
        assertArrayEquals("[1]".getBytes(StandardCharsets.UTF_8), m.body());
    }

    @Test
    void gzipIsRecognisedByItsMagicBytes() throws IOException {
        byte[] payload = KuraProtobuf.encode(new KuraPayload(5, Map.of("request.id", Value.of("r-2"))));
        assertEquals(Value.of("r-2"), decoded(ROOT + "X/GET/a", gzip(payload)).metrics().get("request.id"));
    }

    @Test
    void aGzipBombIsRefusedWhileInflatingAndAnOversizedPayloadBeforeIt() throws IOException {
        byte[] bomb = gzip(new byte[3 * 1024 * 1024]);
        assertTrue(bomb.length < 4096, "the bomb is small: " + bomb.length);
        assertTrue(refusal(ROOT + "X/GET/a", bomb).contains("inflates to more than 16384"));
        assertTrue(refusal(ROOT + "X/GET/a", new byte[4097]).contains("over the limit of 4096"));
        assertTrue(refusal(ROOT + "X/GET/a", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}).startsWith("bad gzip"));
    }

    @Test
    void jsonFollowsKuraSimpleJsonIntegralNumbersAreInt64() {
        String json = "{\"sentOn\":1,\"metrics\":{\"request.id\":\"r-3\",\"n\":7,\"x\":1.5,\"on\":true},\"body\":\"W10=\"}";
        ControlMessage m = decoded(ROOT + "INVENTORY-V1/GET/bundles", json.getBytes(StandardCharsets.UTF_8));
        assertEquals(Value.of("r-3"), m.metrics().get("request.id"));
        assertEquals(Value.of(7L), m.metrics().get("n"));
        assertEquals(Value.of(1.5), m.metrics().get("x"));
        assertEquals(Value.of(true), m.metrics().get("on"));
        assertArrayEquals("[]".getBytes(StandardCharsets.UTF_8), m.body());
    }

    @Test
    void junkIsRefusedWithAReasonNeverThrown() {
        assertTrue(refusal(ROOT + "X/GET/a", "{\"metrics\":".getBytes(StandardCharsets.UTF_8)).startsWith("JSON"));
        assertTrue(refusal(ROOT + "X/GET/a", "[".repeat(100).getBytes(StandardCharsets.UTF_8)).length() > 0);
        assertTrue(refusal(ROOT + "X/GET/a", "{\"a\":".repeat(100).getBytes(StandardCharsets.UTF_8)).contains("nested deeper"));
        assertTrue(refusal(ROOT + "X/GET/a", new byte[] {(byte) 0xd2, (byte) 0xb8, 0x02, 0x05}).contains("beyond the end"));
        assertTrue(refusal(ROOT + "X/GET/a", new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}).length() > 0);
        // a metric without its type
        byte[] noType = new ProtobufWriter().message(5000, new ProtobufWriter().string(1, "a")).toByteArray();
        assertTrue(refusal(ROOT + "X/GET/a", noType).contains("required name or type"));
    }

    @Test
    void topicsOutsideTheGatewaysControlRootAreRefused() {
        byte[] empty = new byte[0];
        refusal("$EDC/acme/other/X/GET/a", empty);
        refusal("$EDC/acme/gw-7/", empty);
        refusal("acme/gw-7/X/GET/a", empty);
        assertEquals("X/GET/a", decoded(ROOT + "X/GET/a", empty).topic());
    }
}
