package io.outpost.profile.kura;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few protobuf wire primitives KuraPayload needs: varints, fixed64/fixed32 (little-endian) and
 * length-delimited fields. Signed integers are written as plain (not zig-zag) varints, as {@code int32} and
 * {@code int64} require: a negative value is sign-extended to 64 bits and takes ten bytes.
 */
final class ProtobufWriter {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    ProtobufWriter tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
        return this;
    }

    /** Seven bits a byte, least significant group first, high bit set on every byte but the last. */
    ProtobufWriter varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    ProtobufWriter int64(int field, long value) {
        return tag(field, VARINT).varint(value);
    }

    /** Widened to long first: negative int32 values are sign-extended, per the protobuf rules. */
    ProtobufWriter int32(int field, int value) {
        return tag(field, VARINT).varint(value);
    }

    ProtobufWriter bool(int field, boolean value) {
        return tag(field, VARINT).varint(value ? 1 : 0);
    }

    ProtobufWriter enumValue(int field, int number) {
        return tag(field, VARINT).varint(number);
    }

    ProtobufWriter double64(int field, double value) {
        tag(field, FIXED64);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    ProtobufWriter float32(int field, float value) {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write((bits >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    ProtobufWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED).varint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtobufWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtobufWriter message(int field, ProtobufWriter nested) {
        return bytes(field, nested.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
