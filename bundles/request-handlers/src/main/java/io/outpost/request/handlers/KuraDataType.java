package io.outpost.request.handlers;

import java.util.Base64;
import java.util.Locale;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;

/** Kura's channel value type names (BOOLEAN, BYTE_ARRAY, DOUBLE, INTEGER, LONG, FLOAT, STRING) and their text form: bytes as base64. */
final class KuraDataType {

    private KuraDataType() {
    }

    static String nameOf(ValueType type) {
        return switch (type) {
            case BOOLEAN -> "BOOLEAN";
            case INT32 -> "INTEGER";
            case INT64 -> "LONG";
            case FLOAT -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case STRING -> "STRING";
            case BYTES -> "BYTE_ARRAY";
        };
    }

    /** @throws IllegalArgumentException for a name Kura does not have (case-insensitive) */
    static ValueType parse(String name) {
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> ValueType.BOOLEAN;
            case "INTEGER" -> ValueType.INT32;
            case "LONG" -> ValueType.INT64;
            case "FLOAT" -> ValueType.FLOAT;
            case "DOUBLE" -> ValueType.DOUBLE;
            case "STRING" -> ValueType.STRING;
            case "BYTE_ARRAY" -> ValueType.BYTES;
            default -> throw new IllegalArgumentException("unknown type '" + name + "'");
        };
    }

    static String text(Value value) {
        if (value instanceof Value.BytesValue b) {
            return Base64.getEncoder().encodeToString(b.value());
        }
        return String.valueOf(value.asObject());
    }

    /** Parses a Kura write value; booleans only as true/false, as Kura does. */
    static Value value(String text, ValueType type) {
        if (type == ValueType.BYTES) {
            try {
                return Value.of(Base64.getDecoder().decode(text.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not base64");
            }
        }
        if (type == ValueType.BOOLEAN && !text.trim().equalsIgnoreCase("true") && !text.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("'" + text + "' is not true or false");
        }
        return Value.parse(text, type);
    }
}
