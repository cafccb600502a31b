package io.outpost.itests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Reading;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Devices;
import io.outpost.itests.support.ReadingRecorder;

@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class SamplerIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;
    private ReadingRecorder readings;
    private Devices devices;

    @BeforeEach
    void listen() {
        configurations = new Configurations(admin);
        readings = ReadingRecorder.register(context);
        devices = new Devices(context);
    }

    @AfterEach
    void cleanUp() throws Exception {
        readings.close();
        configurations.close();
    }

    @Test
    void aSimulatedDeviceConfiguredThroughConfigAdminProducesItsPattern() throws Exception {
        configurations.factory("io.outpost.device", "pattern", Map.of("name", "pattern", "driver", "sim", "pollMillis", "100",
            "channel.level.valueType", "int32", "channel.level.waveform", "sequence", "channel.level.values", "1,2,3",
            "channel.level.unit", "m"));
        Await.until(Duration.ofSeconds(10), "6 readings of 'pattern'", () -> readings.of("pattern").size() >= 6);
        List<Integer> values = readings.of("pattern").stream().limit(6).map(r -> (int) r.value().asDouble()).toList();
        assertEquals(List.of(1, 2, 3, 1, 2, 3), values);
        assertEquals("m", readings.of("pattern").get(0).unit());
        assertEquals(DeviceStatus.RUNNING, devices.named("pattern").state().status());
    }

    @Test
    void aMistypedKeyIsNamedInTheDeviceStateWhileTheDriversOwnKeysAndFileInstallsAreNot() throws Exception {
        configurations.factory("io.outpost.device", "typo", Map.of("name", "typo", "driver", "sim", "pollMillis", "100",
            "hysteresys", "2", "felix.fileinstall.filename", "file:/etc/io.outpost.device-typo.cfg",
            "channel.level.valueType", "double", "channel.level.waveform", "sine", "channel.level.periodSeconds", "10",
            "channel.level.untis", "m"));
        Device typo = devices.await("typo", DeviceStatus.RUNNING, Duration.ofSeconds(10), "the device with typos to run");
        List<String> warnings = typo.state().warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("unknown key 'hysteresys'"), warnings.toString());
        assertTrue(warnings.get(1).contains("unknown key 'channel.level.untis'"), warnings.toString());
        assertTrue(typo.state().detail().contains("hysteresys, channel.level.untis"), typo.state().detail());
    }

    @Test
    void aDeviceNamingADriverThatIsNotInstalledWaitsForIt() throws Exception {
        configurations.factory("io.outpost.device", "orphan", Map.of("name", "orphan", "driver", "no-such-driver",
            "channel.x.valueType", "double"));
        Await.until(Duration.ofSeconds(10), "the orphan device service", () -> devices.named("orphan") != null);
        Device orphan = devices.named("orphan");
        assertEquals(DeviceStatus.WAITING_FOR_DRIVER, orphan.state().status());
        assertTrue(orphan.state().detail().contains("no-such-driver"));
        Reading asked = orphan.readNow(List.of("x")).get(0);
        assertTrue(asked.detail().contains("not connected"), asked.detail());
    }

    @Test
    void stoppingTheDriverBundleParksItsDevicesAndStartingItRevivesThem() throws Exception {
        Bundle sim = Bundles.find(context, "io.outpost.driver.sim").orElseThrow();
        configurations.factory("io.outpost.device", "plug", Map.of("name", "plug", "driver", "sim", "pollMillis", "100",
            "channel.t.valueType", "double"));
        configurations.factory("io.outpost.device", "other", Map.of("name", "other", "driver", "no-such-driver"));
        Await.until(Duration.ofSeconds(10), "readings of 'plug'", () -> readings.of("plug").size() >= 2);
        try {
            sim.stop();
            devices.await("plug", DeviceStatus.WAITING_FOR_DRIVER, Duration.ofSeconds(10), "plug to wait for its driver");
            int parkedAt = readings.of("plug").size();
            Thread.sleep(500);
            assertEquals(parkedAt, readings.of("plug").size(), "no readings while the driver is gone");
        } finally {
            sim.start();
        }
        devices.await("plug", DeviceStatus.RUNNING, Duration.ofSeconds(10), "plug running again");
        int revivedAt = readings.of("plug").size();
        Await.until(Duration.ofSeconds(10), "readings after revival", () -> readings.of("plug").size() > revivedAt + 2);
    }

    @Test
    void writesGoThroughTheDriverAndAreReadBack() throws Exception {
        configurations.factory("io.outpost.device", "valve", Map.of("name", "valve", "driver", "sim", "pollMillis", "100",
            "channel.setpoint.type", "read_write", "channel.setpoint.valueType", "double", "channel.setpoint.scale", "0.5"));
        devices.await("valve", DeviceStatus.RUNNING, Duration.ofSeconds(10), "valve running");
        var results = devices.named("valve").write(Map.of("setpoint", io.outpost.api.data.Value.of(21.0)));
        assertTrue(results.get(0).isOk(), results.get(0).detail());
        assertEquals(21.0, devices.named("valve").readNow(List.of("setpoint")).get(0).value().asDouble(), 1e-9,
            "engineering value survives the round trip through raw = value / scale");
    }
}
