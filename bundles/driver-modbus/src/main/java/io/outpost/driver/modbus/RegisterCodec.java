package io.outpost.driver.modbus;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;

/** Turns registers (16-bit words, big-endian bytes) into typed values and back, in either word order. */
final class RegisterCodec {

    private RegisterCodec() {
    }

    /**
     * Decodes the value starting at {@code offset} of {@code words} (each 0-65535) into the channel's value type.
     */
    static Value decode(int[] words, int offset, DataType type, WordOrder order, ValueType target) {
        long bits = 0;
        int n = type.words();
        for (int i = 0; i < n; i++) {
            int word = words[offset + (order == WordOrder.BIG ? i : n - 1 - i)] & 0xFFFF;
            bits = (bits << 16) | word;
        }
        return switch (type) {
            case INT16 -> integral((short) bits, target);
            case UINT16 -> integral(bits & 0xFFFF, target);
            case INT32 -> integral((int) bits, target);
            case UINT32 -> integral(bits & 0xFFFFFFFFL, target);
            case INT64 -> integral(bits, target);
            case FLOAT32 -> {
                float f = Float.intBitsToFloat((int) bits);
                yield target == ValueType.FLOAT ? Value.of(f) : Value.of((double) f);
            }
            case FLOAT64 -> Value.of(Double.longBitsToDouble(bits));
            case BOOL -> throw new IllegalArgumentException("bool is not held in registers");
        };
    }

    /** A bit as the channel's value type. */
    static Value decodeBit(boolean bit, ValueType target) {
        return switch (target) {
            case BOOLEAN -> Value.of(bit);
            case INT32 -> Value.of(bit ? 1 : 0);
            case INT64 -> Value.of(bit ? 1L : 0L);
            default -> throw new IllegalArgumentException("a bit cannot be " + target);
        };
    }

    /**
     * Encodes a raw value into registers in the given word order.
     *
     * @throws IllegalArgumentException when the value does not fit the data type
     */
    static int[] encode(Value value, DataType type, WordOrder order) {
        long bits = switch (type) {
            case INT16 -> inRange(value, type, Short.MIN_VALUE, Short.MAX_VALUE);
            case UINT16 -> inRange(value, type, 0, 0xFFFF);
            case INT32 -> inRange(value, type, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case UINT32 -> inRange(value, type, 0, 0xFFFFFFFFL);
            case INT64 -> value instanceof Value.Int64Value l ? l.value() : inRange(value, type, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT32 -> Float.floatToIntBits((float) value.asDouble()) & 0xFFFFFFFFL;
            case FLOAT64 -> Double.doubleToLongBits(value.asDouble());
            case BOOL -> throw new IllegalArgumentException("bool is not held in registers");
        };
        int n = type.words();
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            int word = (int) ((bits >>> (16 * (n - 1 - i))) & 0xFFFF);
            words[order == WordOrder.BIG ? i : n - 1 - i] = word;
        }
        return words;
    }

    private static Value integral(long v, ValueType target) {
        return switch (target) {
            case INT32 -> Value.of((int) v);
            case INT64 -> Value.of(v);
            case FLOAT -> Value.of((float) v);
            case DOUBLE -> Value.of((double) v);
            default -> throw new IllegalArgumentException("an integer register value cannot be " + target);
        };
    }

    private static long inRange(Value value, DataType type, long min, long max) {
        double d = value.asDouble();
        if (Double.isNaN(d) || d != Math.rint(d) || d < min || d > max) {
            throw new IllegalArgumentException("value " + value + " does not fit " + type.key() + " (" + min + " to " + max + ")");
        }
        return (long) d;
    }
}
