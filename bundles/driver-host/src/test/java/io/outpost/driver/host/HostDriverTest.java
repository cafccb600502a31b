package io.outpost.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.ChannelType;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.DeviceConnection.WriteRequest;

class HostDriverTest {

    @TempDir
    Path root;

    private HostDriver driver;

    @BeforeEach
    void fakeMachine() throws IOException {
        write("proc/uptime", "12345.67 40000.00\n");
        write("proc/meminfo", "MemTotal:        8000000 kB\nMemFree:          100000 kB\nMemAvailable:    2000000 kB\n");
        write("sys/class/thermal/thermal_zone0/temp", "48250\n");
        write("sys/class/thermal/thermal_zone2/temp", "61000\n");
        Files.createDirectories(root.resolve("data"));
        driver = new HostDriver(root, Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC));
    }

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static ChannelDescriptor channel(String name, ValueType type, String... params) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        return new ChannelDescriptor(name, ChannelType.READ, type, "", 1, 0, true, map);
    }

    private ChannelRecord read(ChannelDescriptor channel) {
        DeviceConnection connection = driver.connect(new DeviceConfiguration("gw", "host", Map.of(), List.of(channel)));
        return connection.read(List.of(channel)).get(0);
    }

    @Test
    void readsUptimeFromProc() {
        ChannelRecord record = read(channel("up", ValueType.DOUBLE, "metric", "uptime"));
        assertTrue(record.isOk(), record.detail());
        assertEquals(12345.67, record.value().asDouble(), 1e-9);
        assertEquals(1_000, record.timestamp());
    }

    @Test
    void readsMemAvailableInBytes() {
        ChannelRecord record = read(channel("mem", ValueType.INT64, "metric", "memory-free"));
        assertEquals(Value.of(2_000_000L * 1024), record.value());
    }

    @Test
    void readsTheConfiguredThermalZoneInDegrees() {
        assertEquals(48.25, read(channel("t", ValueType.DOUBLE, "metric", "cpu-temperature")).value().asDouble(), 1e-9);
        assertEquals(61.0, read(channel("t2", ValueType.DOUBLE, "metric", "cpu-temperature", "zone", "2")).value().asDouble(), 1e-9);
    }

    @Test
    void aMissingThermalZoneIsABadReadingThatSaysWhatIsMissing() {
        ChannelRecord record = read(channel("t", ValueType.DOUBLE, "metric", "cpu-temperature", "zone", "7"));
        assertEquals(Quality.BAD, record.quality());
        assertTrue(record.detail().contains("no thermal zone 7"), record.detail());
        assertTrue(record.detail().contains("thermal_zone7/temp"), record.detail());
    }

    @Test
    void missingProcFilesAreBadReadingsNotExceptions() throws IOException {
        Files.delete(root.resolve("proc/uptime"));
        Files.writeString(root.resolve("proc/meminfo"), "MemTotal: 1 kB\n");
        ChannelRecord up = read(channel("up", ValueType.DOUBLE, "metric", "uptime"));
        ChannelRecord mem = read(channel("mem", ValueType.INT64, "metric", "memory-free"));
        assertEquals(Quality.BAD, up.quality());
        assertTrue(up.detail().contains("proc/uptime is missing"), up.detail());
        assertEquals(Quality.BAD, mem.quality());
        assertTrue(mem.detail().contains("no MemAvailable"), mem.detail());
    }

    @Test
    void garbageInAFileIsABadReading() throws IOException {
        write("sys/class/thermal/thermal_zone0/temp", "hot\n");
        ChannelRecord record = read(channel("t", ValueType.DOUBLE, "metric", "cpu-temperature"));
        assertEquals(Quality.BAD, record.quality());
        assertTrue(record.detail().contains("unreadable temperature 'hot'"), record.detail());
    }

    @Test
    void diskFreeOfAnExistingPathAndBadForAMissingOne() {
        ChannelRecord free = read(channel("disk", ValueType.INT64, "metric", "disk-free", "path", "/data"));
        assertTrue(free.isOk(), free.detail());
        assertTrue(free.value().asDouble() > 0);
        ChannelRecord missing = read(channel("disk2", ValueType.INT64, "metric", "disk-free", "path", "/no/such"));
        assertEquals(Quality.BAD, missing.quality());
        assertTrue(missing.detail().contains("does not exist"), missing.detail());
    }

    @Test
    void jvmHeapAndCpuLoadComeFromTheJvm() {
        assertTrue(read(channel("heap", ValueType.INT64, "metric", "jvm-heap-used")).value().asDouble() > 0);
        ChannelRecord load = read(channel("load", ValueType.DOUBLE, "metric", "cpu-load"));
        assertTrue(load.isOk(), load.detail());
        assertTrue(load.value().asDouble() >= 0);
        ChannelRecord process = read(channel("proc", ValueType.DOUBLE, "metric", "cpu-load", "source", "process"));
        if (process.isOk()) {
            assertTrue(process.value().asDouble() >= 0 && process.value().asDouble() <= 1, process.toString());
        } else {
            assertTrue(process.detail().contains("CPU load"), process.detail());
        }
    }

    @Test
    void problemWithNamesTheChannelAndTheField() {
        assertTrue(driver.problemWith(channel("x", ValueType.DOUBLE, "metric", "fan-speed")).orElseThrow()
            .startsWith("channel 'x': unknown metric 'fan-speed'"));
        assertTrue(driver.problemWith(channel("y", ValueType.DOUBLE)).orElseThrow().contains("channel 'y': missing 'metric'"));
        assertTrue(driver.problemWith(channel("z", ValueType.DOUBLE, "metric", "cpu-temperature", "zone", "-1")).orElseThrow()
            .contains("channel 'z': zone"));
        assertTrue(driver.problemWith(channel("w", ValueType.DOUBLE, "metric", "cpu-load", "source", "gpu")).orElseThrow()
            .contains("channel 'w': unknown source 'gpu'"));
        ChannelDescriptor writeOnly = new ChannelDescriptor("o", ChannelType.WRITE, ValueType.DOUBLE, "", 1, 0, true, Map.of("metric", "uptime"));
        assertTrue(driver.problemWith(writeOnly).orElseThrow().contains("read-only"));
        assertFalse(driver.problemWith(channel("ok", ValueType.INT64, "metric", "Memory-Free")).isPresent());
    }

    @Test
    void writesAreRefusedPerRecord() {
        ChannelDescriptor up = new ChannelDescriptor("up", ChannelType.READ_WRITE, ValueType.DOUBLE, "", 1, 0, true, Map.of("metric", "uptime"));
        DeviceConnection connection = driver.connect(new DeviceConfiguration("gw", "host", Map.of(), List.of(up)));
        List<ChannelRecord> results = connection.write(List.of(new WriteRequest(up, Value.of(1.0)), new WriteRequest(up, Value.of(2.0))));
        assertEquals(2, results.size());
        results.forEach(r -> {
            assertEquals(Quality.BAD, r.quality());
            assertTrue(r.detail().contains("read-only"));
        });
    }
}
