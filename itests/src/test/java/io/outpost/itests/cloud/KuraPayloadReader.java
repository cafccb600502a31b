package io.outpost.itests.cloud;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a KuraPayload as HQ would, for the assertions: the timestamp and each metric as name -> value
 * (String, Double, Float, Long, Integer, Boolean or byte[]). A separate, test-only decoder: the bytes come
 * from the profile bundle's own encoder.
 */
final class KuraPayloadReader {

    record Decoded(long timestamp, Map<String, Object> metrics, byte[] body) {
    }

    private final byte[] data;
    private int pos;

    private KuraPayloadReader(byte[] data) {
        this.data = data;
    }

    static Decoded decode(byte[] payload) {
        KuraPayloadReader r = new KuraPayloadReader(payload);
        long timestamp = 0;
        Map<String, Object> metrics = new LinkedHashMap<>();
        byte[] body = new byte[0];
        while (r.pos < payload.length) {
            long tag = r.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 1 && wire == 0) {
                timestamp = r.varint();
            } else if (field == 5000 && wire == 2) {
                r.metric(r.bytes(), metrics);
            } else if (field == 5001 && wire == 2) {
                body = r.bytes();
            } else {
                r.skip(wire);
            }
        }
        return new Decoded(timestamp, metrics, body);
    }

    private void metric(byte[] bytes, Map<String, Object> into) {
        KuraPayloadReader m = new KuraPayloadReader(bytes);
        String name = null;
        Object value = null;
        while (m.pos < bytes.length) {
            long tag = m.varint();
            int field = (int) (tag >>> 3);
            switch (field) {
                case 1 -> name = new String(m.bytes(), StandardCharsets.UTF_8);
                case 2 -> m.varint();
                case 3 -> value = Double.longBitsToDouble(m.fixed(8));
                case 4 -> value = Float.intBitsToFloat((int) m.fixed(4));
                case 5 -> value = m.varint();
                case 6 -> value = (int) m.varint();
                case 7 -> value = m.varint() != 0;
                case 8 -> value = new String(m.bytes(), StandardCharsets.UTF_8);
                case 9 -> value = m.bytes();
                default -> m.skip((int) (tag & 7));
            }
        }
        into.put(name, value);
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = data[pos++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("bad varint");
    }

    private long fixed(int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (data[pos++] & 0xFF) << (8 * i);
        }
        return value;
    }

    private byte[] bytes() {
        int length = (int) varint();
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + length);
        pos += length;
        return b;
    }

    private void skip(int wire) {
        switch (wire) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> bytes();
            case 5 -> pos += 4;
            default -> throw new IllegalArgumentException("wire type " + wire);
        }
    }
}
