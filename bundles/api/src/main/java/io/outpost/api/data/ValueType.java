package io.outpost.api.data;

/** The value types a channel can carry. */
public enum ValueType {
    BOOLEAN, INT32, INT64, FLOAT, DOUBLE, STRING, BYTES;

    /** Parses a type name case-insensitively ("int32", "Double"...), with a message naming the accepted ones. */
    public static ValueType parse(String name) {
        for (ValueType type : values()) {
            if (type.name().equalsIgnoreCase(name.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown value type '" + name + "', expected one of "
            + java.util.Arrays.toString(values()).toLowerCase(java.util.Locale.ROOT));
    }

    public boolean isNumeric() {
        return this == INT32 || this == INT64 || this == FLOAT || this == DOUBLE;
    }
}
