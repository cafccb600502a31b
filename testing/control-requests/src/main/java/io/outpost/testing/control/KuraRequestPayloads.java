package io.outpost.testing.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Request payloads as a Kapua-style back end sends them: KuraPayload protobuf written field by field from the field
 * numbers (timestamp 1, metric 5000, body 5001; KuraMetric name 1, type 2, values 5-8), independent of the
 * gateway's own writer, and gzip.
 */
public final class KuraRequestPayloads {

    private static final int METRIC = 5000;
    private static final int BODY = 5001;

    private KuraRequestPayloads() {
    }

    /** Metrics whose values are String, Long, Integer or Boolean; a body, or null for none. */
    public static byte[] protobuf(Map<String, ?> metrics, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varintField(out, 1, 1_700_000_000_000L);
        metrics.forEach((name, value) -> {
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            bytesField(m, 1, name.getBytes(StandardCharsets.UTF_8));
            if (value instanceof String s) {
                varintField(m, 2, 5);
                bytesField(m, 8, s.getBytes(StandardCharsets.UTF_8));
            } else if (value instanceof Long l) {
                varintField(m, 2, 2);
                varintField(m, 5, l);
            } else if (value instanceof Integer i) {
                varintField(m, 2, 3);
                varintField(m, 6, i);
            } else if (value instanceof Boolean b) {
                varintField(m, 2, 4);
                varintField(m, 7, b ? 1 : 0);
            } else {
                throw new IllegalArgumentException("metric '" + name + "': strings, longs, ints and booleans only, not " + value);
            }
            bytesField(out, METRIC, m.toByteArray());
        });
        if (body != null && body.length > 0) {
            bytesField(out, BODY, body);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static void varintField(ByteArrayOutputStream out, int field, long value) {
        varint(out, (long) field << 3);
        varint(out, value);
    }

    private static void bytesField(ByteArrayOutputStream out, int field, byte[] bytes) {
        varint(out, ((long) field << 3) | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
