package io.outpost.profile.kura;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the links when the birth certificate is stale. Bundle changes arrive in bursts (a deployment installs
 * and starts many), so it waits for a quiet period, then compares the birth's facts (the installed Outpost bundles and app ids, the modem identity) with what it
 * last announced and calls the listeners only if they differ.
 */
final class BirthAnnouncer implements BundleListener {

    private static final Logger LOG = LoggerFactory.getLogger(BirthAnnouncer.class);

    private final Supplier<?> apps;
    private final long quietMillis;
    private final ScheduledExecutorService timer;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Object announced;
    private Future<?> pending;

    BirthAnnouncer(Supplier<?> apps, long quietMillis, ScheduledExecutorService timer) {
        this.apps = apps;
        this.quietMillis = quietMillis;
        this.timer = timer;
        this.announced = apps.get();
    }

    AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.INSTALLED, BundleEvent.UNINSTALLED, BundleEvent.UPDATED, BundleEvent.STARTED, BundleEvent.STOPPED -> changed();
            default -> { }
        }
    }

    /** Something may have changed: (re)start the quiet period. */
    synchronized void changed() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(this::announceIfChanged, quietMillis, TimeUnit.MILLISECONDS);
    }

    private void announceIfChanged() {
        Object now;
        synchronized (this) {
            now = apps.get();
            if (now.equals(announced)) {
                return;
            }
            announced = now;
        }
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("a birth change listener failed: {}", e.toString());
            }
        }
    }
}
