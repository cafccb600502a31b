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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
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

    private Bundle hostBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> HOST_BUNDLE.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private Device device(String name) {
        try {
            var refs = context.getServiceReferences(Device.class, "(" + Device.NAME + "=" + name + ")");
            return refs.isEmpty() ? null : context.getService(refs.iterator().next());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private DeviceStatus status(String name) {
        Device device = device(name);
        return device == null ? null : device.state().status();
    }

    private List<Reading> of(String device) {
        return seen.stream().filter(r -> r.device().equals(device)).toList();
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
        Await.until(Duration.ofSeconds(10), "readings of both devices", () -> of("hp-host").size() >= 4 && of("hp-sim").size() >= 2);
        assertTrue(of("hp-host").stream().allMatch(Reading::isGood), "host readings are good: " + of("hp-host"));

        boolean reinstalled = false;
        try {
            host.uninstall();
            assertEquals(Bundle.UNINSTALLED, host.getState());
            Await.until(Duration.ofSeconds(10), "hp-host to wait for its driver", () -> status("hp-host") == DeviceStatus.WAITING_FOR_DRIVER);
            assertTrue(device("hp-host").state().detail().contains("host"), device("hp-host").state().detail());

            int hostAtPark = of("hp-host").size();
            int simAtPark = of("hp-sim").size();
            Thread.sleep(1_500);
            assertEquals(hostAtPark, of("hp-host").size(), "no readings (good or BAD) from the parked device: no error storm");
            assertTrue(of("hp-sim").size() >= simAtPark + 5, "the sim device kept producing: " + (of("hp-sim").size() - simAtPark));
            assertEquals(DeviceStatus.RUNNING, status("hp-sim"));
            assertTrue(device("hp-host").readNow(List.of("up")).get(0).detail().contains("not connected"));

            Bundle again = context.installBundle(location, new ByteArrayInputStream(bytes));
            again.start();
            reinstalled = true;
            Await.until(Duration.ofSeconds(10), "hp-host running again", () -> status("hp-host") == DeviceStatus.RUNNING);
            int revivedAt = of("hp-host").size();
            Await.until(Duration.ofSeconds(10), "good host readings after reinstall",
                () -> of("hp-host").stream().skip(revivedAt).filter(Reading::isGood).count() >= 4);
        } finally {
            if (!reinstalled && hostBundle() == null) {
                context.installBundle(location, new ByteArrayInputStream(bytes)).start();
            }
        }
    }
}
