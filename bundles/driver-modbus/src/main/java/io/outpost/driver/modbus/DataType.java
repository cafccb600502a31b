package io.outpost.driver.modbus;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import io.outpost.api.data.ValueType;

/**
 * How a channel's value is laid out in the device: a bit, or one to four 16-bit registers. Each data type lists
 * the channel value types that can carry its raw values.
 */
enum DataType {
    BOOL(1, EnumSet.of(ValueType.BOOLEAN, ValueType.INT32, ValueType.INT64)),
    INT16(1, EnumSet.of(ValueType.INT32, ValueType.INT64, ValueType.FLOAT, ValueType.DOUBLE)),
    UINT16(1, EnumSet.of(ValueType.INT32, ValueType.INT64, ValueType.FLOAT, ValueType.DOUBLE)),
    INT32(2, EnumSet.of(ValueType.INT32, ValueType.INT64, ValueType.DOUBLE)),
    UINT32(2, EnumSet.of(ValueType.INT64, ValueType.DOUBLE)),
    FLOAT32(2, EnumSet.of(ValueType.FLOAT, ValueType.DOUBLE)),
    INT64(4, EnumSet.of(ValueType.INT64, ValueType.DOUBLE)),
    FLOAT64(4, EnumSet.of(ValueType.DOUBLE));

    private final int words;
    private final Set<ValueType> carriers;

    DataType(int words, Set<ValueType> carriers) {
        this.words = words;
        this.carriers = carriers;
    }

    /** Registers (or bits, for {@link #BOOL}) the value occupies. */
    int words() {
        return words;
    }

    boolean isCarriedBy(ValueType valueType) {
        return carriers.contains(valueType);
    }

    String carriersText() {
        return carriers.stream().map(v -> v.name().toLowerCase(Locale.ROOT)).sorted().toList().toString();
    }

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DataType parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DataType type : values()) {
            if (type.name().equals(t)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown dataType '" + text
            + "', expected bool, int16, uint16, int32, uint32, float32, int64 or float64");
    }
}
