package io.outpost.itests.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.device.Device;
import io.outpost.api.driver.ChannelRecord;

/** Assertions shared by the TCP and RTU tests: the values modbus_server.py holds. */
final class ModbusChecks {

    private ModbusChecks() {
    }

    static void assertKnownValues(DeviceUnderTest watch) {
        assertEquals(Value.of(true), good(watch, "coil0"));
        assertEquals(Value.of(false), good(watch, "coil1"));
        assertEquals(Value.of(1), good(watch, "di0"));
        assertEquals(Value.of(false), good(watch, "di1"));
        assertEquals(Value.of(1234), good(watch, "hr0"));
        assertEquals(Value.of(-1), good(watch, "hr1"));
        assertEquals(Value.of(21.5f), good(watch, "hrFloat"));
        assertEquals(Value.of(100000), good(watch, "hrLittle"));
        assertEquals(Value.of(42.0), good(watch, "ir0"));
        assertEquals(Value.of(-3.25), good(watch, "irFloat"));
    }

    private static Value good(DeviceUnderTest watch, String channel) {
        List<Reading> readings = watch.of(channel);
        assertFalse(readings.isEmpty(), "no reading of " + channel);
        Reading last = readings.get(readings.size() - 1);
        assertTrue(last.isGood(), channel + ": " + last.detail());
        return last.value();
    }

    static void assertWritesReadBack(Device device) {
        Map<String, Value> values = new LinkedHashMap<>();
        values.put("pump", Value.of(true));
        values.put("setpoint", Value.of(-123456));
        values.put("inputOnly", Value.of(5));
        List<ChannelRecord> results = device.write(values);
        assertEquals(3, results.size());
        assertTrue(results.get(0).isOk(), results.get(0).detail());
        assertTrue(results.get(1).isOk(), results.get(1).detail());
        assertFalse(results.get(2).isOk());
        assertEquals("channel 'inputOnly': area input-register is read-only, only coil and holding-register channels can be written",
            results.get(2).detail());
        List<Reading> back = device.readNow(List.of("pump", "setpoint"));
        assertEquals(Value.of(true), back.get(0).value(), back.get(0).detail());
        assertEquals(Value.of(-123456), back.get(1).value(), back.get(1).detail());
        device.write(Map.of("pump", Value.of(false)));
        assertEquals(Value.of(false), device.readNow(List.of("pump")).get(0).value());
    }
}
