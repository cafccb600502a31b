package io.outpost.device.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceState;
import io.outpost.api.device.DeviceStatus;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.ChannelType;

class DeviceCommandsTest {

    private static final long NOW = 100_000;

    /** A device that remembers what it was asked to write. */
    private static final class FakeDevice implements Device {
        final List<Map<String, Value>> writes = new ArrayList<>();
        final List<ChannelDescriptor> channels = List.of(
            new ChannelDescriptor("temp", ChannelType.READ, ValueType.DOUBLE, "degC", 1, 0, true, Map.of()),
            new ChannelDescriptor("relay", ChannelType.READ_WRITE, ValueType.BOOLEAN, "", 1, 0, true, Map.of()),
            new ChannelDescriptor("setpoint", ChannelType.WRITE, ValueType.INT32, "rpm", 1, 0, false, Map.of()));

        public String name() { return "boiler"; }
        public String driver() { return "sim"; }
        public DeviceState state() { return new DeviceState(DeviceStatus.RUNNING, "3 channel(s)"); }
        public List<ChannelDescriptor> channels() { return channels; }
        public List<Reading> lastReadings() {
            return List.of(Reading.good("boiler", "temp", Value.of(21.5), "degC", NOW - 2_500),
                Reading.bad("boiler", "relay", "", "coil not answering", NOW - 400));
        }
        public List<Reading> readNow(List<String> names) {
            return List.of(Reading.good("boiler", "temp", Value.of(22.0), "degC", NOW),
                Reading.bad("boiler", "nope", "", "no channel 'nope' on device 'boiler'", NOW));
        }
        public List<ChannelRecord> write(Map<String, Value> values) {
            writes.add(values);
            return List.of(ChannelRecord.ok("relay", values.get("relay"), NOW));
        }
    }

    private FakeDevice boiler;
    private DeviceCommands commands;

    @BeforeEach
    void setUp() {
        boiler = new FakeDevice();
        commands = new DeviceCommands(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        commands.devices = List.of(boiler);
    }

    @Test
    void devicesListsNameDriverStateAndChannelCount() {
        List<String> lines = commands.devices().lines().toList();
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("DEVICE  DRIVER  STATE    CHANNELS  DETAIL"), lines.get(0));
        assertEquals("boiler  sim     RUNNING  3         3 channel(s)", lines.get(1));
    }

    @Test
    void noDevicesSaysHowToAddOne() {
        commands.devices = List.of();
        assertTrue(commands.devices().contains("no devices configured"));
    }

    @Test
    void channelsShowTypeUnitLastValueQualityAndAge() {
        List<String> lines = commands.channels("boiler").lines().toList();
        assertEquals(4, lines.size());
        assertTrue(lines.get(1).matches("temp\\s+read\\s+double\\s+degC\\s+21\\.5\\s+GOOD\\s+2 s"), lines.get(1));
        assertTrue(lines.get(2).matches("relay\\s+read_write\\s+boolean\\s+-\\s+BAD\\s+400 ms\\s+coil not answering"), lines.get(2));
        assertTrue(lines.get(3).matches("setpoint \\(disabled\\)\\s+write\\s+int32\\s+rpm\\s+-\\s+-\\s+-"), lines.get(3));
    }

    @Test
    void anUnknownDeviceIsAMessageNamingTheKnownOnes() {
        assertEquals("no device 'kettle' (devices: boiler)\n", commands.channels("kettle"));
        assertEquals("no device 'kettle' (devices: boiler)\n", commands.read("kettle"));
    }

    @Test
    void readPrintsEachReadingWithItsQuality() {
        List<String> lines = commands.read("boiler", "temp", "nope").lines().toList();
        assertTrue(lines.get(1).matches("temp\\s+22\\.0\\s+degC\\s+GOOD"), lines.get(1));
        assertTrue(lines.get(2).matches("nope\\s+-\\s+BAD\\s+no channel 'nope' on device 'boiler'"), lines.get(2));
    }

    @Test
    void writeParsesByTheChannelsValueType() {
        assertEquals("relay = true: written\n", commands.write("boiler", "relay", "on"));
        assertEquals(Map.of("relay", Value.of(true)), boiler.writes.get(0));
    }

    @Test
    void aBadValueIsAClearMessageAndNothingIsWritten() {
        assertEquals("not written: channel 'relay' takes boolean: 'maybe' is not a boolean (true/false, 1/0, on/off)\n",
            commands.write("boiler", "relay", "maybe"));
        assertEquals("not written: channel 'setpoint' takes int32: '1.5' is not a valid int32\n",
            commands.write("boiler", "setpoint", "1.5"));
        assertTrue(boiler.writes.isEmpty());
    }

    @Test
    void anUnknownChannelNamesTheKnownOnes() {
        assertEquals("no channel 'fan' on device 'boiler' (channels: temp, relay, setpoint)\n", commands.write("boiler", "fan", "1"));
    }

    @Test
    void ageReadsInTheLargestSensibleUnit() {
        Reading r = Reading.good("d", "c", Value.of(1), "", 0);
        assertEquals("999 ms", ReadingText.age(r, 999));
        assertEquals("119 s", ReadingText.age(r, 119_999));
        assertEquals("2 min", ReadingText.age(r, 120_000));
        assertEquals("3 h", ReadingText.age(r, 3 * 3_600_000L));
        assertEquals("2 d", ReadingText.age(r, 48 * 3_600_000L));
        assertEquals("-", ReadingText.age(null, 5));
        assertFalse(ReadingText.value(Reading.bad("d", "c", "", "x", 0)).isEmpty());
    }
}
