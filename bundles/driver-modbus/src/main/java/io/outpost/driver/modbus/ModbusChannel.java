package io.outpost.driver.modbus;

import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;

/**
 * Where one channel lives in a Modbus device, parsed from its parameters: {@code unitId} (0-255, default 1),
 * {@code area}, {@code address} (0-65535, zero-based protocol address, decimal or 0x hex), {@code dataType} (default bool for
 * bit areas, uint16 for registers) and {@code wordOrder} (big or little, default big).
 */
record ModbusChannel(String name, int unitId, Area area, int address, DataType dataType, WordOrder wordOrder,
        ValueType valueType) {

    /** Last address the channel occupies. */
    int lastAddress() {
        return address + dataType.words() - 1;
    }

    /**
     * Parses and checks a channel's parameters.
     *
     * @throws IllegalArgumentException with a message naming the channel and the field
     */
    static ModbusChannel parse(ChannelDescriptor channel) {
        try {
            return parseUnchecked(channel);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + channel.name() + "': " + e.getMessage(), e);
        }
    }

    private static ModbusChannel parseUnchecked(ChannelDescriptor channel) {
        String areaText = channel.params().get("area");
        if (areaText == null || areaText.isBlank()) {
            throw new IllegalArgumentException("'area' is missing, expected coil, discrete-input, holding-register or input-register");
        }
        Area area = Area.parse(areaText);
        String addressText = channel.params().get("address");
        if (addressText == null || addressText.isBlank()) {
            throw new IllegalArgumentException("'address' is missing (0-65535)");
        }
        int address = integer("address", addressText, 0, 65535);
        int unitId = integer("unitId", channel.param("unitId", "1"), 0, 255);
        DataType dataType = DataType.parse(channel.param("dataType", area.isBits() ? "bool" : "uint16"));
        WordOrder wordOrder = WordOrder.parse(channel.param("wordOrder", "big"));
        if (area.isBits() != (dataType == DataType.BOOL)) {
            throw new IllegalArgumentException("dataType " + dataType.key() + " does not fit area " + area.key()
                + (area.isBits() ? " (coils and discrete inputs hold bool)" : " (registers hold numbers, not bool)"));
        }
        if (address + dataType.words() - 1 > 65535) {
            throw new IllegalArgumentException("address " + address + " with " + dataType.key() + " runs past 65535");
        }
        if (!dataType.isCarriedBy(channel.valueType())) {
            throw new IllegalArgumentException("valueType " + channel.valueType().name().toLowerCase(java.util.Locale.ROOT)
                + " cannot carry " + dataType.key() + ", use one of " + dataType.carriersText());
        }
        return new ModbusChannel(channel.name(), unitId, area, address, dataType, wordOrder, channel.valueType());
    }

    private static int integer(String field, String text, int min, int max) {
        int value;
        String t = text.trim();
        try {
            value = t.startsWith("0x") || t.startsWith("0X") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + field + "' is not a number: '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("'" + field + "' " + value + " is out of range " + min + "-" + max);
        }
        return value;
    }
}
