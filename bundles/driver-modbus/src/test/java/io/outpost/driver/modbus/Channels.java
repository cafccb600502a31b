package io.outpost.driver.modbus;

import java.util.LinkedHashMap;
import java.util.Map;

import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelType;

/** Builds channel descriptors for tests. */
final class Channels {

    private Channels() {
    }

    static ChannelDescriptor channel(String name, ValueType valueType, String... params) {
        return channel(name, ChannelType.READ_WRITE, valueType, params);
    }

    static ChannelDescriptor channel(String name, ChannelType type, ValueType valueType, String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new ChannelDescriptor(name, type, valueType, "", 1, 0, true, map);
    }

    static ModbusChannel register(String name, int unit, Area area, int address, DataType type) {
        return new ModbusChannel(name, unit, area, address, type, WordOrder.BIG, ValueType.DOUBLE);
    }
}
