package io.outpost.itests.modbus;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import io.outpost.api.data.Reading;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Devices;
import io.outpost.itests.support.ReadingRecorder;

/**
 * One Modbus device under test, with a name unique to the test: its configuration, the readings it publishes and
 * its Device service. Closing deletes the configuration and waits until the device has let go of its line, so
 * that the slave (and the pseudo-terminals) can go away after it.
 */
final class DeviceUnderTest implements AutoCloseable {

    private final String name;
    private final Configurations configurations;
    private final ReadingRecorder recorder;
    private final Devices devices;

    /** A device named {@code prefix} and a random suffix, listened to before it is configured. */
    DeviceUnderTest(BundleContext context, ConfigurationAdmin admin, String prefix) {
        this.name = prefix + UUID.randomUUID().toString().substring(0, 8);
        this.configurations = new Configurations(admin);
        this.recorder = ReadingRecorder.register(context, name);
        this.devices = new Devices(context);
    }

    String name() {
        return name;
    }

    /** Configures the device through ConfigAdmin and waits until it runs. */
    Device configure(Map<String, Object> properties) throws IOException {
        configurations.factory("io.outpost.device", name, properties);
        return devices.await(name, DeviceStatus.RUNNING, Duration.ofSeconds(15), "device " + name + " running");
    }

    List<Reading> readings() {
        return recorder.all();
    }

    List<Reading> of(String channel) {
        return recorder.of(name, channel);
    }

    /** Waits for a reading of the channel, published from index {@code from} on, that matches. */
    Reading await(String channel, int from, Duration timeout, String what, Predicate<Reading> match) {
        Reading[] found = new Reading[1];
        Await.until(timeout, name + "." + channel + ": " + what, () -> {
            List<Reading> all = readings();
            for (int i = from; i < all.size(); i++) {
                Reading r = all.get(i);
                if (r.channel().equals(channel) && match.test(r)) {
                    found[0] = r;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits until the device service is gone (after its configuration was deleted), so its port is closed. */
    private void awaitGone() {
        try {
            Await.until(Duration.ofSeconds(15), "device " + name + " gone", () -> devices.named(name) == null);
            Await.until(Duration.ofSeconds(15), "no thread left in j2mod", () -> Thread.getAllStackTraces().values().stream()
                .noneMatch(stack -> java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().contains("j2mod"))));
        } catch (AssertionError e) {
            StringBuilder dump = new StringBuilder();
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                String frames = java.util.Arrays.stream(stack).map(String::valueOf).reduce("", (a, b) -> a + "\n    at " + b);
                if (frames.contains("j2mod") || frames.contains("jSerialComm") || frames.contains("outpost")) {
                    dump.append("\n").append(thread.getName()).append(frames);
                }
            });
            throw new AssertionError(e.getMessage() + "; threads:" + dump, e);
        }
    }

    /** Deletes the configuration, waits until the device has let go of its line, then stops listening. */
    @Override
    public void close() throws IOException {
        configurations.close();
        awaitGone();
        recorder.close();
    }
}
