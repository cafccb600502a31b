package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Value;

/**
 * Our hand-written bytes decoded by an independent implementation: Google's protoc with the .proto this bundle
 * ships. Fails (never skips) without protoc: CI installs protobuf-compiler.
 */
class ProtocDecodeTest {

    @TempDir
    Path dir;

    /** Runs protoc --decode on the bytes and returns its text format output. */
    static String protocDecode(Path dir, byte[] payload) throws IOException, InterruptedException {
        return new String(protoc(dir, "--decode=kuradatatypes.KuraPayload", payload), StandardCharsets.UTF_8);
    }

    /** Runs protoc with the bundle's .proto, feeding it stdin; fails the test when protoc is missing or refuses. */
    static byte[] protoc(Path dir, String mode, byte[] stdin) throws IOException, InterruptedException {
        Path proto = dir.resolve("kurapayload.proto");
        try (InputStream in = ProtocDecodeTest.class.getResourceAsStream("/docs/kurapayload.proto")) {
            assertTrue(in != null, "docs/kurapayload.proto is missing from the bundle");
            Files.write(proto, in.readAllBytes());
        }
        Path errors = dir.resolve("protoc.err");
        Process protoc;
        try {
            protoc = new ProcessBuilder("protoc", "--proto_path=" + dir, mode, proto.toString())
                .redirectError(errors.toFile()).start();
        } catch (IOException e) {
            return fail("protoc is not installed (apt-get install -y protobuf-compiler); this test needs it: " + e.getMessage());
        }
        try (OutputStream in = protoc.getOutputStream()) {
            in.write(stdin);
        }
        byte[] out = protoc.getInputStream().readAllBytes();
        assertTrue(protoc.waitFor(30, TimeUnit.SECONDS), "protoc did not finish");
        assertEquals(0, protoc.exitValue(), "protoc failed:\n" + Files.readString(errors));
        return out;
    }

    @Test
    void protocEncodesTheSameBytesFromTheTextFormat() throws Exception {
        String text = "timestamp: 1700000000123\n"
            + "metric { name: \"t\" type: DOUBLE double_value: 21.5 }\n"
            + "metric { name: \"n\" type: INT32 int_value: -3 }\n"
            + "metric { name: \"c\" type: INT64 long_value: 300 }\n"
            + "metric { name: \"on\" type: BOOL bool_value: false }\n"
            + "body: \"hi\"\n";
        Map<String, Value> metrics = new java.util.LinkedHashMap<>();
        metrics.put("t", Value.of(21.5));
        metrics.put("n", Value.of(-3));
        metrics.put("c", Value.of(300L));
        metrics.put("on", Value.of(false));
        byte[] ours = KuraProtobuf.encode(new KuraPayload(1_700_000_000_123L, null, metrics, "hi".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(protoc(dir, "--encode=kuradatatypes.KuraPayload", text.getBytes(StandardCharsets.UTF_8)), ours);
    }

    private static String metric(String name, String type, String valueLine) {
        return "metric {\n  name: \"" + name + "\"\n  type: " + type + "\n  " + valueLine + "\n}\n";
    }

    @Test
    void protocDecodesEveryMetricWithItsTypeAndValue() throws Exception {
        KuraPayload payload = new KuraPayload(1_700_000_000_123L, null, KuraProtobufTest.everyType(), "hi".getBytes(StandardCharsets.UTF_8));
        String text = protocDecode(dir, KuraProtobuf.encode(payload));

        assertTrue(text.startsWith("timestamp: 1700000000123\n"), text);
        assertTrue(text.contains(metric("d", "DOUBLE", "double_value: 21.5")), text);
        assertTrue(text.contains(metric("f", "FLOAT", "float_value: -1.25")), text);
        assertTrue(text.contains(metric("l", "INT64", "long_value: -5000000000")), text);
        assertTrue(text.contains(metric("i", "INT32", "int_value: -42")), text);
        assertTrue(text.contains(metric("b", "BOOL", "bool_value: true")), text);
        assertTrue(text.contains(metric("s", "STRING", "string_value: \"caf\\303\\251 \\\"quoted\\\"\"")), text);
        assertTrue(text.contains(metric("x", "BYTES", "bytes_value: \"\\000\\377\\007\"")), text);
        assertTrue(text.endsWith("body: \"hi\"\n"), text);
        assertEquals(7, text.split("metric \\{", -1).length - 1, text);
    }

    @Test
    void protocDecodesExtremeIntegersAndThePosition() throws Exception {
        Map<String, Value> metrics = new java.util.LinkedHashMap<>();
        metrics.put("minLong", Value.of(Long.MIN_VALUE));
        metrics.put("maxLong", Value.of(Long.MAX_VALUE));
        metrics.put("minInt", Value.of(Integer.MIN_VALUE));
        metrics.put("zero", Value.of(0));
        KuraPosition position = new KuraPosition(46.5, -6.25, 372.0, 1.5, 90.0, 3.25, 1_700_000_000_000L, 7, 4);
        String text = protocDecode(dir, KuraProtobuf.encode(new KuraPayload(-1, position, metrics, null)));

        assertTrue(text.startsWith("timestamp: -1\nposition {\n  latitude: 46.5\n  longitude: -6.25\n  altitude: 372\n  precision: 1.5\n"
            + "  heading: 90\n  speed: 3.25\n  timestamp: 1700000000000\n  satellites: 7\n  status: 4\n}\n"), text);
        assertTrue(text.contains(metric("minLong", "INT64", "long_value: " + Long.MIN_VALUE)), text);
        assertTrue(text.contains(metric("maxLong", "INT64", "long_value: " + Long.MAX_VALUE)), text);
        assertTrue(text.contains(metric("minInt", "INT32", "int_value: " + Integer.MIN_VALUE)), text);
        assertTrue(text.contains(metric("zero", "INT32", "int_value: 0")), text);
    }

    @Test
    void protocDecodesTheBirthCertificateOfTheProfile() throws Exception {
        KuraMessages messages = KuraMessagesTest.messages(KuraSettings.defaults());
        byte[] birth = messages.birth(KuraMessagesTest.GW, Map.of("connection_ip", Value.of("10.0.0.7"))).payload();
        String text = protocDecode(dir, birth);
        assertTrue(text.contains(metric("display_name", "STRING", "string_value: \"pump-station-7\"")), text);
        assertTrue(text.contains(metric("connection_ip", "STRING", "string_value: \"10.0.0.7\"")), text);
        assertTrue(text.contains(metric("application_ids", "STRING", "string_value: \"link.mqtt,sampler\"")), text);
    }
}
