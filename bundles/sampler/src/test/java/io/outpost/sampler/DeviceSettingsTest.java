package io.outpost.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelType;

class DeviceSettingsTest {

    @Test
    void parsesDeviceKeysChannelsAndDriverSettings() {
        Map<String, Object> props = new HashMap<>();
        props.put("name", "boiler");
        props.put("driver", "modbus");
        props.put("pollMillis", "250");
        props.put("endpoint", "tcp://127.0.0.1:5020");
        props.put("service.pid", "io.outpost.device~boiler");
        props.put("channel.temp.type", "read");
        props.put("channel.temp.valueType", "float");
        props.put("channel.temp.unit", "degC");
        props.put("channel.temp.scale", "0.1");
        props.put("channel.temp.address", "100");
        props.put("channel.pump.type", "read_write");
        props.put("channel.pump.valueType", "boolean");
        props.put("channel.pump.enabled", "false");

        DeviceSettings settings = DeviceSettings.parse(props);

        assertEquals(250, settings.pollMillis());
        assertEquals(Map.of("endpoint", "tcp://127.0.0.1:5020"), settings.device().properties());
        assertEquals(2, settings.device().channels().size());
        ChannelDescriptor pump = settings.device().channels().get(0);
        ChannelDescriptor temp = settings.device().channels().get(1);
        assertEquals("pump", pump.name());
        assertEquals(ChannelType.READ_WRITE, pump.type());
        assertEquals(false, pump.enabled());
        assertEquals(ValueType.FLOAT, temp.valueType());
        assertEquals(0.1, temp.scale());
        assertEquals("degC", temp.unit());
        assertEquals(Map.of("address", "100"), temp.params());
        assertTrue(settings.problems().isEmpty(), settings.problems().toString());
    }

    @Test
    void aBrokenChannelIsLeftOutWithAMessageNamingItAndTheField() {
        Map<String, Object> props = Map.of("name", "d", "driver", "sim",
            "channel.good.valueType", "double",
            "channel.bad.valueType", "decimal",
            "channel.worse.scale", "zero");
        DeviceSettings settings = DeviceSettings.parse(props);
        assertEquals(1, settings.device().channels().size());
        assertEquals("good", settings.device().channels().get(0).name());
        assertEquals(2, settings.problems().size());
        assertTrue(settings.problems().stream().anyMatch(p -> p.contains("channel 'bad'") && p.contains("unknown value type 'decimal'")));
        assertTrue(settings.problems().stream().anyMatch(p -> p.contains("channel 'worse'")));
    }

    @Test
    void aDeviceWithoutNameOrDriverIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceSettings.parse(Map.of("driver", "sim")))
            .getMessage().contains("'name'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DeviceSettings.parse(Map.of("name", "x")))
            .getMessage().contains("'driver'"));
        assertThrows(IllegalArgumentException.class, () -> DeviceSettings.parse(Map.of("name", "a/b", "driver", "sim")));
    }

    @Test
    void tooFastAPollIsRaisedToTheMinimumWithAProblemReported() {
        DeviceSettings settings = DeviceSettings.parse(Map.of("name", "d", "driver", "sim", "pollMillis", "5"));
        assertEquals(100, settings.pollMillis());
        assertEquals(1, settings.problems().size());
    }
}
