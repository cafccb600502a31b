package io.outpost.profile.kura;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal protobuf wire reader for the tests: splits a message into its fields. */
final class ProtobufReader {

    /** One field: number, wire type, and the raw value (varint or fixed bits as long, or bytes). */
    record Field(int number, int wireType, long bits, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        double asDouble() {
            return Double.longBitsToDouble(bits);
        }

        float asFloat() {
            return Float.intBitsToFloat((int) bits);
        }

        List<Field> nested() {
            return read(bytes);
        }
    }

    private final byte[] data;
    private int pos;

    private ProtobufReader(byte[] data) {
        this.data = data;
    }

    static List<Field> read(byte[] data) {
        ProtobufReader r = new ProtobufReader(data);
        List<Field> fields = new ArrayList<>();
        while (r.pos < data.length) {
            long tag = r.varint();
            int number = (int) (tag >>> 3);
            int type = (int) (tag & 7);
            switch (type) {
                case 0 -> fields.add(new Field(number, type, r.varint(), null));
                case 1 -> fields.add(new Field(number, type, r.fixed(8), null));
                case 5 -> fields.add(new Field(number, type, r.fixed(4), null));
                case 2 -> {
                    int length = (int) r.varint();
                    byte[] b = java.util.Arrays.copyOfRange(data, r.pos, r.pos + length);
                    if (b.length != length) {
                        throw new IllegalArgumentException("truncated field " + number);
                    }
                    r.pos += length;
                    fields.add(new Field(number, type, 0, b));
                }
                default -> throw new IllegalArgumentException("unexpected wire type " + type + " at " + r.pos);
            }
        }
        return fields;
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
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    private long fixed(int size) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) (data[pos++] & 0xFF) << (8 * i);
        }
        return value;
    }
}
