package io.outpost.itests.modbus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;

import io.outpost.api.data.Reading;
import io.outpost.api.data.ReadingListener;
import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;
import io.outpost.itests.support.Await;

/** Records the readings one device publishes (as a ReadingListener service) and finds its Device service. */
final class DeviceWatch implements AutoCloseable {

    private final BundleContext context;
    private final String name;
    private final List<Reading> seen = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<ReadingListener> registration;

    DeviceWatch(BundleContext context, String name) {
        this.context = context;
        this.name = name;
        this.registration = context.registerService(ReadingListener.class,
            readings -> readings.stream().filter(r -> r.device().equals(name)).forEach(seen::add), null);
    }

    List<Reading> readings() {
        return List.copyOf(seen);
    }

    List<Reading> of(String channel) {
        return seen.stream().filter(r -> r.channel().equals(channel)).toList();
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

    Device device() {
        try {
            var refs = context.getServiceReferences(Device.class, "(" + Device.NAME + "=" + name + ")");
            return refs.isEmpty() ? null : context.getService(refs.iterator().next());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Device awaitRunning() {
        Await.until(Duration.ofSeconds(15), "device " + name + " running",
            () -> device() != null && device().state().status() == DeviceStatus.RUNNING);
        return device();
    }

    /** Waits until the device service is gone (after its configuration was deleted), so its port is closed. */
    void awaitGone() {
        try {
            Await.until(Duration.ofSeconds(15), "device " + name + " gone", () -> device() == null);
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

    @Override
    public void close() {
        registration.unregister();
    }
}
