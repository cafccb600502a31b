package io.outpost.itests.hotplug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Devices;
import io.outpost.itests.support.ReadingRecorder;

/**
 * Uninstalls the host driver bundle (not just stops it) while a host device and a sim device run, then installs
 * the same bundle again from the bytes it was installed from.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class DriverUninstallIT {

    private static final String HOST_BUNDLE = "io.outpost.driver.host";

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

    private Bundle hostBundle() {
        return Bundles.find(context, HOST_BUNDLE).orElse(null);
    }

    private static byte[] bytesAt(String location) throws IOException {
        String plain = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try (InputStream in = plain.contains(":/") ? URI.create(plain).toURL().openStream() : Files.newInputStream(Path.of(plain))) {
            return in.readAllBytes();
        }
    }

    @Test
    void uninstallingTheHostDriverParksOnlyItsDevicesAndReinstallingRevivesThem() throws Exception {
        Bundle host = hostBundle();
        assertTrue(host != null && host.getState() == Bundle.ACTIVE, "the host driver bundle is active");
        String location = host.getLocation();
        byte[] bytes = bytesAt(location);

        configurations.factory("io.outpost.device", "hp-host", Map.of("name", "hp-host", "driver", "host", "pollMillis", "100",
            "channel.up.metric", "uptime", "channel.up.valueType", "double",
            "channel.heap.metric", "jvm-heap-used", "channel.heap.valueType", "int64"));
        configurations.factory("io.outpost.device", "hp-sim", Map.of("name", "hp-sim", "driver", "sim", "pollMillis", "100",
            "channel.level.valueType", "double"));
        Await.until(Duration.ofSeconds(10), "readings of both devices",
            () -> readings.of("hp-host").size() >= 4 && readings.of("hp-sim").size() >= 2);
        assertTrue(readings.of("hp-host").stream().allMatch(Reading::isGood), "host readings are good: " + readings.of("hp-host"));

        boolean reinstalled = false;
        try {
            host.uninstall();
            assertEquals(Bundle.UNINSTALLED, host.getState());
            devices.await("hp-host", DeviceStatus.WAITING_FOR_DRIVER, Duration.ofSeconds(10), "hp-host to wait for its driver");
            assertTrue(devices.named("hp-host").state().detail().contains("host"), devices.named("hp-host").state().detail());

            int hostAtPark = readings.of("hp-host").size();
            int simAtPark = readings.of("hp-sim").size();
            Thread.sleep(1_500);
            assertEquals(hostAtPark, readings.of("hp-host").size(), "no readings (good or BAD) from the parked device: no error storm");
            assertTrue(readings.of("hp-sim").size() >= simAtPark + 5,
                "the sim device kept producing: " + (readings.of("hp-sim").size() - simAtPark));
            assertEquals(DeviceStatus.RUNNING, devices.status("hp-sim"));
            assertTrue(devices.named("hp-host").readNow(List.of("up")).get(0).detail().contains("not connected"));

            Bundle again = context.installBundle(location, new ByteArrayInputStream(bytes));
            again.start();
            reinstalled = true;
            devices.await("hp-host", DeviceStatus.RUNNING, Duration.ofSeconds(10), "hp-host running again");
            int revivedAt = readings.of("hp-host").size();
            Await.until(Duration.ofSeconds(10), "good host readings after reinstall",
                () -> readings.of("hp-host").stream().skip(revivedAt).filter(Reading::isGood).count() >= 4);
        } finally {
            if (!reinstalled && hostBundle() == null) {
                context.installBundle(location, new ByteArrayInputStream(bytes)).start();
            }
        }
    }
}
