package io.outpost.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.device.DeviceStatus;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.Driver;

class SampledDeviceTest {

    private final List<SampledDevice> devices = new ArrayList<>();
    private final BlockingQueue<Reading> seen = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() {
        devices.forEach(SampledDevice::deactivate);
    }

    /** A test driver whose channels return their name's length, or fail, or hang. */
    private static final class CountingDriver implements Driver {
        volatile boolean failing;
        volatile CountDownLatch hang;
        volatile boolean closed;

        @Override
        public java.util.Optional<String> problemWith(ChannelDescriptor channel) {
            return channel.name().startsWith("bad") ? java.util.Optional.of("channel '" + channel.name() + "': no such register") : java.util.Optional.empty();
        }

        @Override
        public DeviceConnection connect(DeviceConfiguration device) {
            return new DeviceConnection() {
                int count;

                @Override
                public List<ChannelRecord> read(List<ChannelDescriptor> channels) {
                    if (hang != null) {
                        try {
                            hang.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    if (failing) {
                        throw new IllegalStateException("bus error");
                    }
                    count++;
                    return channels.stream().map(c -> ChannelRecord.ok(c.name(), Value.of(count * 10), 1L)).toList();
                }

                @Override
                public List<ChannelRecord> write(List<WriteRequest> requests) {
                    return requests.stream().map(r -> ChannelRecord.ok(r.channel().name(), r.value(), 1L)).toList();
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }

    private SampledDevice device(String name, Map<String, Object> extra) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of("name", name, "driver", "count", "pollMillis", "100",
            "channel.level.valueType", "double", "channel.level.scale", "0.5"));
        props.putAll(extra);
        SampledDevice device = new SampledDevice(props);
        device.listeners = List.of(seen::addAll);
        device.start();
        devices.add(device);
        return device;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void waitsForItsDriverRunsWhenItArrivesAndParksWhenItGoes() throws Exception {
        SampledDevice device = device("tank", Map.of());
        assertEquals(DeviceStatus.WAITING_FOR_DRIVER, device.state().status());
        assertTrue(device.state().detail().contains("'count'"));

        CountingDriver driver = new CountingDriver();
        device.bindDriver(driver, Map.of(Driver.ID, "count"));
        Reading first = seen.poll(5, TimeUnit.SECONDS);
        assertEquals("level", first.channel());
        assertEquals(5.0, first.value().asDouble(), "raw 10 scaled by 0.5");
        assertEquals(DeviceStatus.RUNNING, device.state().status());

        device.unbindDriver(driver);
        assertTrue(driver.closed);
        assertEquals(DeviceStatus.WAITING_FOR_DRIVER, device.state().status());
        seen.clear();
        Thread.sleep(300);
        assertTrue(seen.isEmpty(), "no readings while parked");
    }

    @Test
    void aChannelWhoseDriverCannotPushIsPolledInstead() throws Exception {
        SampledDevice device = device("tank", Map.of("channel.level.listen", "true"));
        device.bindDriver(new CountingDriver(), Map.of(Driver.ID, "count"));
        Reading first = seen.poll(5, TimeUnit.SECONDS);
        assertTrue(first != null && first.channel().equals("level") && first.isGood(), "polled after listen was refused: " + first);
    }

    @Test
    void readsNothingBeforeItIsActivated() throws Exception {
        Map<String, Object> props = Map.of("name", "early", "driver", "count", "pollMillis", "100", "channel.level.valueType", "double");
        SampledDevice device = new SampledDevice(props);
        devices.add(device);
        device.bindDriver(new CountingDriver(), Map.of(Driver.ID, "count"));
        Thread.sleep(300);
        assertEquals(DeviceStatus.WAITING_FOR_DRIVER, device.state().status(), "no connection before DS has injected the listeners");
        device.listeners = List.of(seen::addAll);
        device.start();
        Reading first = seen.poll(5, TimeUnit.SECONDS);
        assertEquals(10.0, first.value().asDouble(), "the very first poll (raw 10) reaches the listener");
    }

    @Test
    void ignoresDriversWithAnotherId() throws Exception {
        SampledDevice device = device("tank", Map.of());
        device.bindDriver(new CountingDriver(), Map.of(Driver.ID, "modbus"));
        Thread.sleep(300);
        assertEquals(DeviceStatus.WAITING_FOR_DRIVER, device.state().status());
        assertTrue(seen.isEmpty());
    }

    @Test
    void aFailingDriverGivesBadQualityAndTheDeviceRecovers() throws Exception {
        SampledDevice device = device("tank", Map.of());
        CountingDriver driver = new CountingDriver();
        driver.failing = true;
        device.bindDriver(driver, Map.of(Driver.ID, "count"));
        Reading bad = seen.poll(5, TimeUnit.SECONDS);
        assertEquals(Quality.BAD, bad.quality());
        assertTrue(bad.detail().contains("bus error"), bad.detail());
        driver.failing = false;
        await(() -> seen.stream().anyMatch(Reading::isGood), "a good reading after recovery");
    }

    @Test
    void aHangingDeviceDoesNotDelayAnother() throws Exception {
        CountingDriver slow = new CountingDriver();
        slow.hang = new CountDownLatch(1);
        SampledDevice stuck = device("stuck", Map.of());
        stuck.bindDriver(slow, Map.of(Driver.ID, "count"));
        SampledDevice healthy = device("healthy", Map.of());
        healthy.bindDriver(new CountingDriver(), Map.of(Driver.ID, "count"));
        await(() -> seen.stream().filter(r -> r.device().equals("healthy")).count() >= 5, "5 polls of the healthy device");
        assertTrue(seen.stream().noneMatch(r -> r.device().equals("stuck")));
        slow.hang.countDown();
    }

    @Test
    void channelsTheDriverRefusesAreReportedOnceAndTheRestIsPolled() throws Exception {
        SampledDevice device = device("tank", Map.of("channel.badone.valueType", "double"));
        device.bindDriver(new CountingDriver(), Map.of(Driver.ID, "count"));
        await(() -> seen.stream().filter(r -> r.channel().equals("level")).count() >= 3, "3 polls");
        List<Reading> refused = seen.stream().filter(r -> r.channel().equals("badone")).toList();
        assertEquals(1, refused.size());
        assertEquals(Quality.BAD, refused.get(0).quality());
        assertTrue(refused.get(0).detail().contains("no such register"));
    }

    /** A connection whose read blocks, ignoring interrupts, until the connection is closed: a socket read without a timeout. */
    private static final class StuckDriver implements Driver {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public DeviceConnection connect(DeviceConfiguration device) {
            return new DeviceConnection() {
                @Override
                public List<ChannelRecord> read(List<ChannelDescriptor> channels) {
                    reading.countDown();
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (closed.getCount() > 0 && System.nanoTime() < until) {
                        try {
                            closed.await(50, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            // a blocked socket read does not care about interrupts either
                        }
                    }
                    return channels.stream().map(c -> ChannelRecord.failed(c.name(), "closed", 1L)).toList();
                }

                @Override
                public List<ChannelRecord> write(List<WriteRequest> requests) {
                    return List.of();
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }

    @Test
    void aDeviceStuckInItsDriverStillHasItsConnectionClosedWhenDeactivated() throws Exception {
        Map<String, Object> props = Map.of("name", "stuck", "driver", "count", "pollMillis", "100", "channel.level.valueType", "double");
        SampledDevice device = new SampledDevice(props, java.time.Clock.systemUTC(), Duration.ofMillis(300));
        device.listeners = List.of(seen::addAll);
        device.start();
        StuckDriver driver = new StuckDriver();
        device.bindDriver(driver, Map.of(Driver.ID, "count"));
        assertTrue(driver.reading.await(5, TimeUnit.SECONDS), "the poll is stuck in the driver");

        long started = System.nanoTime();
        device.deactivate();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "deactivate gives up waiting after the call timeout");
        assertTrue(driver.closed.await(1, TimeUnit.SECONDS), "the connection is closed although the device thread never answered");
    }

    @Test
    void keysNeitherTheSamplerNorTheDriverReadsAreWarnedAboutByNameInTheState() throws Exception {
        SampledDevice device = device("tank", Map.of("hysteresys", "2", "endpoint", "tcp://x:502", "service.pid", "io.outpost.device~tank",
            "felix.fileinstall.filename", "file:/etc/io.outpost.device-tank.cfg", "component.id", 12L,
            "channel.level.untis", "m", "channel.level.address", "3", "channel.level.listen", "false"));
        device.bindDriver(new CountingDriver(), Map.of(Driver.ID, "count", DriverKeys.DEVICE_KEYS, "endpoint,unitId",
            DriverKeys.CHANNEL_KEYS, new String[] {"address", "area"}));
        await(() -> device.state().status() == DeviceStatus.RUNNING, "running");

        List<String> warnings = device.state().warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("device 'tank': unknown key 'hysteresys' ignored"), warnings.get(0));
        assertTrue(warnings.get(1).contains("unknown key 'channel.level.untis' ignored"), warnings.get(1));
        assertTrue(device.state().detail().endsWith("unknown key(s) ignored: hysteresys, channel.level.untis"), device.state().detail());
    }

    @Test
    void aDriverThatDeclaresNoKeysIsNotChecked() throws Exception {
        SampledDevice device = device("tank", Map.of("endpoint", "tcp://x:502", "channel.level.address", "3"));
        device.bindDriver(new CountingDriver(), Map.of(Driver.ID, "count"));
        await(() -> device.state().status() == DeviceStatus.RUNNING, "running");
        assertEquals(List.of(), device.state().warnings());
    }

    @Test
    void readNowAndWriteCheckNamesAndDirection() throws Exception {
        SampledDevice device = device("tank", Map.of("channel.valve.type", "write", "channel.valve.valueType", "boolean"));
        assertEquals(Quality.BAD, device.readNow(List.of("level")).get(0).quality(), "not connected yet");
        device.bindDriver(new CountingDriver(), Map.of(Driver.ID, "count"));
        await(() -> device.state().status() == DeviceStatus.RUNNING, "running");

        List<Reading> read = device.readNow(List.of("level", "nope", "valve"));
        assertTrue(read.get(0).isGood());
        assertTrue(read.get(1).detail().contains("no channel 'nope'"));
        assertTrue(read.get(2).detail().contains("write-only"));

        Map<String, Value> writes = new java.util.LinkedHashMap<>();
        writes.put("valve", Value.of(true));
        writes.put("level", Value.of(1.0));
        writes.put("valve2", Value.of(true));
        List<ChannelRecord> results = device.write(writes);
        assertTrue(results.get(0).isOk());
        assertTrue(results.get(1).detail().contains("read-only"));
        assertTrue(results.get(2).detail().contains("no channel 'valve2'"));
    }
}
