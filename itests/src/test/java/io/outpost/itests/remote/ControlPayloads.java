package io.outpost.itests.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Request payloads as a Kapua-style back end sends them: KuraPayload protobuf (string and int64 metrics, a body),
 * written field by field from the field numbers, so the test does not use the profile's own writer.
 */
final class ControlPayloads {

    private static final int METRIC = 5000;
    private static final int BODY = 5001;
    private static final int STRING = 5;
    private static final int INT64 = 2;

    private ControlPayloads() {
    }

    /** A payload with these metrics (String or Long values) and an optional body. */
    static byte[] protobuf(Map<String, Object> metrics, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tag(out, 1, 0);
        varint(out, System.currentTimeMillis());
        metrics.forEach((name, value) -> {
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            bytes(m, 1, name.getBytes(StandardCharsets.UTF_8));
            if (value instanceof Long l) {
                tag(m, 2, 0);
                varint(m, INT64);
                tag(m, 5, 0);
                varint(m, l);
            } else {
                tag(m, 2, 0);
                varint(m, STRING);
                bytes(m, 8, value.toString().getBytes(StandardCharsets.UTF_8));
            }
            bytes(out, METRIC, m.toByteArray());
        });
        if (body != null) {
            bytes(out, BODY, body);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        tag(out, field, 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void tag(ByteArrayOutputStream out, int field, int wireType) {
        varint(out, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
