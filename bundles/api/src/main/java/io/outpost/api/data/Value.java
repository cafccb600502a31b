package io.outpost.api.data;

import java.util.Arrays;
import java.util.Objects;

/** A typed, immutable channel value. */
public sealed interface Value {

    ValueType type();

    /** The value as a plain Java object (Boolean, Integer, Long, Float, Double, String or byte[] copy). */
    Object asObject();

    /** The value as a double, for numeric and boolean values (true is 1). */
    double asDouble();

    static Value of(boolean v) { return new BooleanValue(v); }
    static Value of(int v) { return new Int32Value(v); }
    static Value of(long v) { return new Int64Value(v); }
    static Value of(float v) { return new FloatValue(v); }
    static Value of(double v) { return new DoubleValue(v); }
    static Value of(String v) { return new StringValue(v); }
    static Value of(byte[] v) { return new BytesValue(v); }

    /**
     * Converts a number to a value of the given numeric or boolean type (rounding to the nearest integer
     * for integer types), or parses text for the others.
     */
    static Value convert(double number, ValueType type) {
        return switch (type) {
            case BOOLEAN -> of(number != 0);
            case INT32 -> of((int) Math.round(number));
            case INT64 -> of(Math.round(number));
            case FLOAT -> of((float) number);
            case DOUBLE -> of(number);
            case STRING -> of(Double.toString(number));
            case BYTES -> throw new IllegalArgumentException("a number cannot become bytes");
        };
    }

    /** Parses text (as typed by an operator or sent by HQ) into a value of the given type. */
    static Value parse(String text, ValueType type) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        try {
            return switch (type) {
                case BOOLEAN -> {
                    if (t.equalsIgnoreCase("true") || t.equals("1") || t.equalsIgnoreCase("on")) {
                        yield of(true);
                    }
                    if (t.equalsIgnoreCase("false") || t.equals("0") || t.equalsIgnoreCase("off")) {
                        yield of(false);
                    }
                    throw new IllegalArgumentException("'" + text + "' is not a boolean (true/false, 1/0, on/off)");
                }
                case INT32 -> of(Integer.parseInt(t));
                case INT64 -> of(Long.parseLong(t));
                case FLOAT -> of(Float.parseFloat(t));
                case DOUBLE -> of(Double.parseDouble(t));
                case STRING -> of(text);
                case BYTES -> of(java.util.HexFormat.of().parseHex(t));
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid " + type.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    record BooleanValue(boolean value) implements Value {
        public ValueType type() { return ValueType.BOOLEAN; }
        public Object asObject() { return value; }
        public double asDouble() { return value ? 1 : 0; }
        public String toString() { return Boolean.toString(value); }
    }

    record Int32Value(int value) implements Value {
        public ValueType type() { return ValueType.INT32; }
        public Object asObject() { return value; }
        public double asDouble() { return value; }
        public String toString() { return Integer.toString(value); }
    }

    record Int64Value(long value) implements Value {
        public ValueType type() { return ValueType.INT64; }
        public Object asObject() { return value; }
        public double asDouble() { return value; }
        public String toString() { return Long.toString(value); }
    }

    record FloatValue(float value) implements Value {
        public ValueType type() { return ValueType.FLOAT; }
        public Object asObject() { return value; }
        public double asDouble() { return value; }
        public String toString() { return Float.toString(value); }
    }

    record DoubleValue(double value) implements Value {
        public ValueType type() { return ValueType.DOUBLE; }
        public Object asObject() { return value; }
        public double asDouble() { return value; }
        public String toString() { return Double.toString(value); }
    }

    record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
        public ValueType type() { return ValueType.STRING; }
        public Object asObject() { return value; }
        public double asDouble() { return Double.parseDouble(value); }
        public String toString() { return value; }
    }

    /** Bytes are copied in and out, so the value stays immutable. */
    record BytesValue(byte[] value) implements Value {
        public BytesValue {
            value = value.clone();
        }
        @Override
        public byte[] value() { return value.clone(); }
        public ValueType type() { return ValueType.BYTES; }
        public Object asObject() { return value.clone(); }
        public double asDouble() { throw new UnsupportedOperationException("bytes have no numeric value"); }
        @Override
        public boolean equals(Object o) { return o instanceof BytesValue b && Arrays.equals(value, b.value); }
        @Override
        public int hashCode() { return Arrays.hashCode(value); }
        @Override
        public String toString() { return java.util.HexFormat.of().formatHex(value); }
    }
}
