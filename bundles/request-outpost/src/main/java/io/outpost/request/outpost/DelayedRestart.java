package io.outpost.request.outpost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the OSGi framework after a delay, so that the reply to whoever asked (a remote request, a shell
 * command) gets out first. The restart is an update of the system bundle: Felix stops every bundle (the outbox
 * closes its files) and its launcher ({@code bin/felix.jar}) starts the framework again in the same JVM. It is
 * not {@code System.exit}: nothing outside the JVM has to bring the gateway back. One restart is pending at
 * most; asking again while one is pending keeps the earlier time. Stopping this bundle cancels a pending restart.
 */
@Component(service = DelayedRestart.class)
public final class DelayedRestart {

    private static final Logger LOG = LoggerFactory.getLogger(DelayedRestart.class);
    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofHours(1);

    private final Runnable restart;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outpost-restart");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<Instant> pending = new AtomicReference<>();

    @Activate
    public DelayedRestart(BundleContext context) {
        this(() -> {
            try {
                context.getBundle(Constants.SYSTEM_BUNDLE_ID).update();
            } catch (BundleException | IllegalStateException | SecurityException e) {
                LOG.error("framework restart failed: {}", e.toString());
            }
        }, Clock.systemUTC());
    }

    DelayedRestart(Runnable restart, Clock clock) {
        this.restart = restart;
        this.clock = clock;
    }

    /**
     * Schedules the restart.
     *
     * @return when it will happen (the earlier time if one was pending)
     * @throws IllegalArgumentException when the delay is outside 1 s - 1 h
     */
    public Instant schedule(Duration delay) {
        if (delay.compareTo(MIN) < 0 || delay.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'delaySeconds' " + delay.toSeconds() + " is out of range " + MIN.toSeconds() + "-" + MAX.toSeconds());
        }
        Instant at = clock.instant().plus(delay);
        if (!pending.compareAndSet(null, at)) {
            return pending.get();
        }
        LOG.warn("framework restart in {} s", delay.toSeconds());
        timer.schedule(() -> {
            LOG.warn("restarting the framework now");
            restart.run();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
        return at;
    }

    /** When the pending restart happens, if one is pending. */
    public Optional<Instant> pending() {
        return Optional.ofNullable(pending.get());
    }

    @Deactivate
    void cancel() {
        timer.shutdownNow();
    }
}
