package io.outpost.itests.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

/** The Modbus driver over RTU (jSerialComm) on a socat pseudo-terminal pair, against a real pymodbus slave. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class ModbusRtuIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private SerialPair serial;
    private ModbusSlave slave;
    private DeviceUnderTest watch;

    @BeforeEach
    void start() throws Exception {
        serial = SerialPair.open();
        slave = ModbusSlave.rtu(serial.slaveEnd());
        watch = new DeviceUnderTest(context, admin, "mbrtu-");
    }

    @AfterEach
    void stop() throws Exception {
        // the device must let go of its line before the slave (and the pseudo-terminals) go away
        watch.close();
        slave.close();
        serial.close();
    }

    private Device configure() throws Exception {
        return watch.configure(SlaveChannels.device(watch.name(), Map.of("transport", "rtu",
            "endpoint", serial.driverEnd(), "baudRate", "9600", "parity", "none", "dataBits", "8", "stopBits", "1",
            // a poll of this device takes about 100 ms at 9600 baud; the sampler polls at a fixed rate, so leave it room
            "pollMillis", "1000", "timeoutMillis", "300")));
    }

    @Test
    void readsAllFourAreasWritesAndReportsExceptionsOverRtu() throws Exception {
        Device device = configure();
        watch.await("irFloat", 0, WAIT, "a good reading", Reading::isGood);
        ModbusChecks.assertKnownValues(watch);
        Reading missing = watch.await("missing", 0, WAIT, "a reading", r -> true);
        assertEquals(Quality.BAD, missing.quality());
        assertEquals("Modbus exception 2: illegal data address", missing.detail());
        ModbusChecks.assertWritesReadBack(device);
    }

    @Test
    void aHungSlaveGivesBadReadingsThenTheDeviceRecoversByItself() throws Exception {
        configure();
        watch.await("hr0", 0, WAIT, "a good reading", Reading::isGood);
        int baseline = -1;
        for (int round = 0; round < 3; round++) {
            slave.freeze();
            int killedAt = watch.readings().size();
            Reading bad = watch.await("hr0", killedAt, WAIT, "a BAD reading while the slave hangs (round " + round + ")", r -> !r.isGood());
            assertTrue(bad.detail().contains("no answer"), bad.detail());
            slave.thaw();
            int restartedAt = watch.readings().size();
            Reading good = watch.await("hr0", restartedAt, WAIT, "a good reading after the slave came back (round " + round + ")",
                Reading::isGood);
            assertEquals(1234, (int) good.value().asDouble());
            Thread.sleep(300);
            int threads = ModbusTcpIT.liveThreads();
            if (round == 0) {
                baseline = threads;
            } else {
                assertTrue(threads <= baseline + 2, "live threads grew from " + baseline + " to " + threads);
            }
        }
    }
}
