package io.outpost.request.dispatcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import io.outpost.api.data.Value;

/** Builds request payloads as HQ sends them: KuraPayload protobuf written field by field here, independent of the profile's writer. */
final class KuraRequests {

    private KuraRequests() {
    }

    static byte[] protobuf(Map<String, Value> metrics, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varintField(out, 1, 1_700_000_000_000L);
        metrics.forEach((name, value) -> {
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            bytesField(m, 1, name.getBytes(StandardCharsets.UTF_8));
            if (value instanceof Value.StringValue s) {
                varintField(m, 2, 5);
                bytesField(m, 8, s.value().getBytes(StandardCharsets.UTF_8));
            } else if (value instanceof Value.Int64Value l) {
                varintField(m, 2, 2);
                varintField(m, 5, l.value());
            } else if (value instanceof Value.Int32Value i) {
                varintField(m, 2, 3);
                varintField(m, 6, i.value());
            } else if (value instanceof Value.BooleanValue b) {
                varintField(m, 2, 4);
                varintField(m, 7, b.value() ? 1 : 0);
            } else {
                throw new IllegalArgumentException("test helper writes strings, ints, longs and booleans only");
            }
            bytesField(out, 5000, m.toByteArray());
        });
        if (body != null && body.length > 0) {
            bytesField(out, 5001, body);
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
