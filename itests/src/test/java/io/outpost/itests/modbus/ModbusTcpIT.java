package io.outpost.itests.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Reading;
import io.outpost.api.device.Device;

/** The Modbus driver over TCP against a real pymodbus slave, configured through ConfigAdmin. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ModbusTcpIT {

    static final Duration WAIT = Duration.ofSeconds(15);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private ModbusSlave slave;
    private DeviceUnderTest watch;

    @BeforeEach
    void start() throws Exception {
        slave = ModbusSlave.tcp();
        watch = new DeviceUnderTest(context, admin, "mbtcp-");
    }

    @AfterEach
    void stop() throws Exception {
        // the device must let go of its line before the slave goes away
        watch.close();
        slave.close();
    }

    private Map<String, Object> device() {
        return SlaveChannels.device(watch.name(), Map.of("transport", "tcp", "endpoint", "127.0.0.1:" + slave.port()));
    }

    @Test
    void readsAllFourAreas() throws Exception {
        watch.configure(device());
        watch.await("irFloat", 0, WAIT, "a good reading", Reading::isGood);
        ModbusChecks.assertKnownValues(watch);
    }

    @Test
    void writesACoilAndAHoldingRegisterAndReadsThemBack() throws Exception {
        Device device = watch.configure(device());
        ModbusChecks.assertWritesReadBack(device);
    }

    @Test
    void anExceptionResponseIsABadReadingNamingTheCode() throws Exception {
        watch.configure(device());
        Reading missing = watch.await("missing", 0, WAIT, "a reading", r -> true);
        assertEquals(Quality.BAD, missing.quality());
        assertEquals("Modbus exception 2: illegal data address", missing.detail());
        assertTrue(watch.await("hr0", 0, WAIT, "a reading", r -> true).isGood(), "the other channels still read");
    }

    @Test
    void anInvalidChannelIsRefusedByNameWhileTheOthersKeepReading() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>(device());
        SlaveChannels.channel(properties, "broken", "read", "double", "area", "coil", "address", "3", "dataType", "float32");
        SlaveChannels.channel(properties, "nowhere", "read", "double", "area", "holding", "address", "3");
        Device device = watch.configure(properties);
        // the refusal is published once, when the device connects; the device keeps it among its last readings
        Reading broken = lastReading(device, "broken");
        assertEquals(Quality.BAD, broken.quality());
        assertTrue(broken.detail().contains("channel 'broken'") && broken.detail().contains("float32 does not fit area coil"),
            broken.detail());
        Reading nowhere = lastReading(device, "nowhere");
        assertTrue(nowhere.detail().contains("channel 'nowhere': unknown area 'holding'"), nowhere.detail());
        int before = watch.of("hr0").size();
        watch.await("hr0", 0, WAIT, "more good readings", r -> watch.of("hr0").size() >= before + 3 && r.isGood());
        assertTrue(watch.of("broken").size() <= 1, "a refused channel is reported once, not polled");
        Reading asked = device.readNow(List.of("broken", "hr0")).get(0);
        assertTrue(asked.detail().contains("refused"), asked.detail());
    }

    private static Reading lastReading(Device device, String channel) {
        Reading[] found = new Reading[1];
        io.outpost.itests.support.Await.until(WAIT, "a reading of " + channel, () -> {
            found[0] = device.lastReadings().stream().filter(r -> r.channel().equals(channel)).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    @Test
    void aKilledSlaveGivesBadReadingsThenTheDeviceRecoversByItselfWithoutLeakingThreads() throws Exception {
        watch.configure(device());
        watch.await("hr0", 0, WAIT, "a good reading", Reading::isGood);
        int baseline = -1;
        for (int round = 0; round < 4; round++) {
            slave.kill();
            int killedAt = watch.readings().size();
            Reading bad = watch.await("hr0", killedAt, WAIT, "a BAD reading after the kill (round " + round + ")", r -> !r.isGood());
            assertFalse(bad.detail().isEmpty());
            // stay down for a few polls: one connection attempt per poll, no storm
            Thread.sleep(600);
            assertFalse(watch.of("hr0").get(watch.of("hr0").size() - 1).isGood());
            slave.start();
            int restartedAt = watch.readings().size();
            Reading good = watch.await("hr0", restartedAt, WAIT, "a good reading after the restart (round " + round + ")",
                Reading::isGood);
            assertEquals(1234, (int) good.value().asDouble());
            Thread.sleep(300);
            int threads = liveThreads();
            if (round == 0) {
                baseline = threads;
            } else {
                assertTrue(threads <= baseline + 2, "live threads grew from " + baseline + " to " + threads + " after " + round
                    + " reconnects");
            }
        }
    }

    static int liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).mapToInt(t -> 1).sum();
    }
}
