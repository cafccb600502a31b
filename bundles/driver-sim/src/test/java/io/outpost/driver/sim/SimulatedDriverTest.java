package io.outpost.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.ChannelType;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.DeviceConnection.WriteRequest;

class SimulatedDriverTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return Instant.ofEpochMilli(now.get()); }
    };
    private final SimulatedDriver driver = new SimulatedDriver(clock);

    private static ChannelDescriptor channel(String name, ValueType type, Map<String, String> params) {
        return new ChannelDescriptor(name, ChannelType.READ_WRITE, type, "", 1, 0, true, params);
    }

    private DeviceConnection connect(ChannelDescriptor... channels) throws Exception {
        return driver.connect(new DeviceConfiguration("dev", "sim", Map.of(), List.of(channels)));
    }

    @Test
    void sineStaysWithinRangeAndFollowsThePeriod() throws Exception {
        ChannelDescriptor sine = channel("t", ValueType.DOUBLE, Map.of("waveform", "sine", "min", "10", "max", "30", "periodSeconds", "40"));
        DeviceConnection device = connect(sine);
        assertEquals(20.0, device.read(List.of(sine)).get(0).value().asDouble(), 1e-9, "starts at mid-range");
        now.addAndGet(10_000);
        assertEquals(30.0, device.read(List.of(sine)).get(0).value().asDouble(), 1e-9, "peak after a quarter period");
        now.addAndGet(20_000);
        assertEquals(10.0, device.read(List.of(sine)).get(0).value().asDouble(), 1e-9, "trough after three quarters");
    }

    @Test
    void counterNeverDecreasesAndGrowsAtItsRate() throws Exception {
        ChannelDescriptor meter = channel("kwh", ValueType.INT64, Map.of("waveform", "counter", "min", "100", "rate", "2"));
        DeviceConnection device = connect(meter);
        long previous = -1;
        for (int i = 0; i < 20; i++) {
            long v = ((Value.Int64Value) device.read(List.of(meter)).get(0).value()).value();
            assertTrue(v >= previous);
            previous = v;
            now.addAndGet(500);
        }
        assertEquals(100 + 19, previous, "2 per second over 9.5 s");
    }

    @Test
    void randomWalkStaysInRange() throws Exception {
        ChannelDescriptor walk = channel("w", ValueType.DOUBLE, Map.of("waveform", "random-walk", "min", "-1", "max", "1"));
        DeviceConnection device = connect(walk);
        for (int i = 0; i < 1000; i++) {
            double v = device.read(List.of(walk)).get(0).value().asDouble();
            assertTrue(v >= -1 && v <= 1, "in range: " + v);
        }
    }

    @Test
    void switchIsTrueForTheFirstHalfOfEachPeriod() throws Exception {
        ChannelDescriptor sw = channel("door", ValueType.BOOLEAN, Map.of("periodSeconds", "10"));
        DeviceConnection device = connect(sw);
        assertEquals(Value.of(true), device.read(List.of(sw)).get(0).value());
        now.addAndGet(6_000);
        assertEquals(Value.of(false), device.read(List.of(sw)).get(0).value());
        now.addAndGet(4_000);
        assertEquals(Value.of(true), device.read(List.of(sw)).get(0).value());
    }

    @Test
    void sequenceStepsOncePerReadAndRepeats() throws Exception {
        ChannelDescriptor seq = channel("s", ValueType.INT32, Map.of("waveform", "sequence", "values", "1, 5,9"));
        DeviceConnection device = connect(seq);
        int[] seen = new int[5];
        for (int i = 0; i < 5; i++) {
            seen[i] = (int) device.read(List.of(seq)).get(0).value().asDouble();
        }
        assertEquals(List.of(1, 5, 9, 1, 5), java.util.Arrays.stream(seen).boxed().toList());
    }

    @Test
    void aWrittenValueIsReadBackAndReadOnlyChannelsRefuseWrites() throws Exception {
        ChannelDescriptor setpoint = channel("sp", ValueType.DOUBLE, Map.of());
        ChannelDescriptor readOnly = new ChannelDescriptor("ro", ChannelType.READ, ValueType.DOUBLE, "", 1, 0, true, Map.of());
        DeviceConnection device = connect(setpoint, readOnly);
        List<ChannelRecord> results = device.write(List.of(new WriteRequest(setpoint, Value.of(42.5)), new WriteRequest(readOnly, Value.of(1.0))));
        assertTrue(results.get(0).isOk());
        assertEquals(Quality.BAD, results.get(1).quality());
        assertTrue(results.get(1).detail().contains("read-only"));
        assertEquals(Value.of(42.5), device.read(List.of(setpoint)).get(0).value());
    }

    @Test
    void aBadChannelIsReportedByNameAndDoesNotSpoilTheOthers() throws Exception {
        ChannelDescriptor bad = channel("broken", ValueType.DOUBLE, Map.of("waveform", "square"));
        ChannelDescriptor good = channel("fine", ValueType.DOUBLE, Map.of());
        assertTrue(driver.problemWith(bad).orElseThrow().contains("'broken'"));
        assertFalse(driver.problemWith(good).isPresent());
        List<ChannelRecord> records = connect(bad, good).read(List.of(bad, good));
        assertEquals(Quality.BAD, records.get(0).quality());
        assertTrue(records.get(0).detail().contains("unknown waveform"));
        assertTrue(records.get(1).isOk());
    }
}
