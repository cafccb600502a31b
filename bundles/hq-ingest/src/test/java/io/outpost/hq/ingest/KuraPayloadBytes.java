package io.outpost.hq.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Test-side KuraPayload writer, written from the schema in docs/protocol.md (independent of the decoder). */
final class KuraPayloadBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    KuraPayloadBytes timestamp(long millis) {
        tag(1, 0);
        varint(millis);
        return this;
    }

    KuraPayloadBytes doubleMetric(String name, double value) {
        KuraPayloadBytes m = new KuraPayloadBytes().string(1, name).enumType(0);
        m.tag(3, 1);
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            m.out.write((int) (bits >>> (8 * i)) & 0xff);
        }
        return metric(m);
    }

    KuraPayloadBytes longMetric(String name, long value) {
        KuraPayloadBytes m = new KuraPayloadBytes().string(1, name).enumType(2);
        m.tag(5, 0);
        m.varint(value);
        return metric(m);
    }

    KuraPayloadBytes intMetric(String name, int value) {
        KuraPayloadBytes m = new KuraPayloadBytes().string(1, name).enumType(3);
        m.tag(6, 0);
        m.varint(value); // sign-extended, as Kura writes int32
        return metric(m);
    }

    KuraPayloadBytes boolMetric(String name, boolean value) {
        KuraPayloadBytes m = new KuraPayloadBytes().string(1, name).enumType(4);
        m.tag(7, 0);
        m.varint(value ? 1 : 0);
        return metric(m);
    }

    KuraPayloadBytes stringMetric(String name, String value) {
        return metric(new KuraPayloadBytes().string(1, name).enumType(5).string(8, value));
    }

    KuraPayloadBytes position() {
        KuraPayloadBytes p = new KuraPayloadBytes();
        p.tag(1, 1);
        for (int i = 0; i < 8; i++) {
            p.out.write(0);
        }
        byte[] bytes = p.out.toByteArray();
        tag(2, 2);
        varint(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    private KuraPayloadBytes metric(KuraPayloadBytes m) {
        byte[] bytes = m.out.toByteArray();
        tag(5000, 2);
        varint(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    private KuraPayloadBytes enumType(int type) {
        tag(2, 0);
        varint(type);
        return this;
    }

    private KuraPayloadBytes string(int field, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        tag(field, 2);
        varint(bytes.length);
        out.writeBytes(bytes);
        return this;
    }

    private void tag(int field, int wire) {
        varint(((long) field << 3) | wire);
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static byte[] gzip(byte[] bytes) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
                gz.write(bytes);
            }
            return b.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
