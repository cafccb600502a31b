package io.outpost.itests.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.outpost.api.data.Reading;
import io.outpost.api.data.ReadingListener;

/**
 * A {@link ReadingListener} service that records the readings the sampler publishes, in arrival order, until it
 * is closed (which unregisters it).
 */
public final class ReadingRecorder implements AutoCloseable {

    private final List<Reading> seen = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<ReadingListener> registration;

    private ReadingRecorder(BundleContext context, Predicate<Reading> keep) {
        registration = context.registerService(ReadingListener.class,
            batch -> seen.addAll(batch.stream().filter(keep).toList()), null);
    }

    /** Records the readings of every device. */
    public static ReadingRecorder register(BundleContext context) {
        return new ReadingRecorder(context, r -> true);
    }

    /** Records only the readings of the named device. */
    public static ReadingRecorder register(BundleContext context, String device) {
        return new ReadingRecorder(context, r -> r.device().equals(device));
    }

    /** Everything recorded so far. */
    public List<Reading> all() {
        return List.copyOf(seen);
    }

    /** The readings of one device. */
    public List<Reading> of(String device) {
        return seen.stream().filter(r -> r.device().equals(device)).toList();
    }

    /** The readings of one channel of a device. */
    public List<Reading> of(String device, String channel) {
        return seen.stream().filter(r -> r.device().equals(device) && r.channel().equals(channel)).toList();
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
