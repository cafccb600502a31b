package io.outpost.itests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Reading;
import io.outpost.api.data.ReadingListener;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;

@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class SamplerIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;
    private final List<Reading> seen = new CopyOnWriteArrayList<>();
    private ServiceRegistration<ReadingListener> listener;

    @BeforeEach
    void listen() {
        configurations = new Configurations(admin);
        listener = context.registerService(ReadingListener.class, seen::addAll, null);
    }

    @AfterEach
    void cleanUp() throws Exception {
        listener.unregister();
        configurations.close();
    }

    private Device device(String name) {
        try {
            var refs = context.getServiceReferences(Device.class, "(" + Device.NAME + "=" + name + ")");
            return refs.isEmpty() ? null : context.getService(refs.iterator().next());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<Reading> of(String device) {
        return seen.stream().filter(r -> r.device().equals(device)).toList();
    }

    @Test
    void aSimulatedDeviceConfiguredThroughConfigAdminProducesItsPattern() throws Exception {
        configurations.factory("io.outpost.device", "pattern", Map.of("name", "pattern", "driver", "sim", "pollMillis", "100",
            "channel.level.valueType", "int32", "channel.level.waveform", "sequence", "channel.level.values", "1,2,3",
            "channel.level.unit", "m"));
        Await.until(Duration.ofSeconds(10), "6 readings of 'pattern'", () -> of("pattern").size() >= 6);
        List<Integer> values = of("pattern").stream().limit(6).map(r -> (int) r.value().asDouble()).toList();
        assertEquals(List.of(1, 2, 3, 1, 2, 3), values);
        assertEquals("m", of("pattern").get(0).unit());
        assertEquals(DeviceStatus.RUNNING, device("pattern").state().status());
    }

    @Test
    void aDeviceNamingADriverThatIsNotInstalledWaitsForIt() throws Exception {
        configurations.factory("io.outpost.device", "orphan", Map.of("name", "orphan", "driver", "no-such-driver",
            "channel.x.valueType", "double"));
        Await.until(Duration.ofSeconds(10), "the orphan device service", () -> device("orphan") != null);
        Device orphan = device("orphan");
        assertEquals(DeviceStatus.WAITING_FOR_DRIVER, orphan.state().status());
        assertTrue(orphan.state().detail().contains("no-such-driver"));
        Reading asked = orphan.readNow(List.of("x")).get(0);
        assertTrue(asked.detail().contains("not connected"), asked.detail());
    }

    @Test
    void stoppingTheDriverBundleParksItsDevicesAndStartingItRevivesThem() throws Exception {
        Bundle sim = java.util.Arrays.stream(context.getBundles()).filter(b -> "io.outpost.driver.sim".equals(b.getSymbolicName()))
            .findFirst().orElseThrow();
        configurations.factory("io.outpost.device", "plug", Map.of("name", "plug", "driver", "sim", "pollMillis", "100",
            "channel.t.valueType", "double"));
        configurations.factory("io.outpost.device", "other", Map.of("name", "other", "driver", "no-such-driver"));
        Await.until(Duration.ofSeconds(10), "readings of 'plug'", () -> of("plug").size() >= 2);
        try {
            sim.stop();
            Await.until(Duration.ofSeconds(10), "plug to wait for its driver",
                () -> device("plug").state().status() == DeviceStatus.WAITING_FOR_DRIVER);
            int parkedAt = of("plug").size();
            Thread.sleep(500);
            assertEquals(parkedAt, of("plug").size(), "no readings while the driver is gone");
        } finally {
            sim.start();
        }
        Await.until(Duration.ofSeconds(10), "plug running again", () -> device("plug").state().status() == DeviceStatus.RUNNING);
        int revivedAt = of("plug").size();
        Await.until(Duration.ofSeconds(10), "readings after revival", () -> of("plug").size() > revivedAt + 2);
    }

    @Test
    void writesGoThroughTheDriverAndAreReadBack() throws Exception {
        configurations.factory("io.outpost.device", "valve", Map.of("name", "valve", "driver", "sim", "pollMillis", "100",
            "channel.setpoint.type", "read_write", "channel.setpoint.valueType", "double", "channel.setpoint.scale", "0.5"));
        Await.until(Duration.ofSeconds(10), "valve running",
            () -> device("valve") != null && device("valve").state().status() == DeviceStatus.RUNNING);
        var results = device("valve").write(Map.of("setpoint", io.outpost.api.data.Value.of(21.0)));
        assertTrue(results.get(0).isOk(), results.get(0).detail());
        assertEquals(21.0, device("valve").readNow(List.of("setpoint")).get(0).value().asDouble(), 1e-9,
            "engineering value survives the round trip through raw = value / scale");
    }
}
