package io.outpost.hq.store;

import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link TelemetryRetention} {@code firstRunSeconds} after start and then every {@code intervalMinutes}, on its own thread,
 * and logs one line per run that deleted something.
 */
@Component(service = RetentionSweeper.class, immediate = true, configurationPid = "io.outpost.hq.retention")
@Designate(ocd = RetentionConfig.class)
public final class RetentionSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final TelemetryRetention retention;
    private final RetentionSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer;
    private volatile boolean stopping;

    @Activate
    public RetentionSweeper(RetentionConfig config, @Reference HqDatabase database) {
        this.settings = RetentionSettings.of(config);
        this.retention = new TelemetryRetention(database, settings);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outpost-hq-retention"));
        if (settings.keepsEverything()) {
            LOG.info("hq retention: maxAgeDays and maxSamples are 0, telemetry is kept until deleted by hand");
        } else {
            long first = config.firstRunSeconds();
            if (first < 0 || first > 86_400) {
                timer.shutdown();
                throw new IllegalArgumentException("hq retention: 'firstRunSeconds' " + first + " is outside 0-86400");
            }
            timer.scheduleWithFixedDelay(this::sweep, first, settings.interval().toSeconds(), TimeUnit.SECONDS);
        }
    }

    void sweep() {
        long started = System.nanoTime();
        try {
            RetentionOutcome done = retention.run(clock.instant(), () -> stopping);
            if (done.messages() > 0) {
                LOG.info("hq retention deleted {} message(s) older than {} days and {} message(s) ({} samples) over the "
                        + "{} sample limit, in {} batches, {} ms", done.messagesByAge(), settings.maxAge().toDays(),
                        done.messagesBySize(), done.samplesBySize(), settings.maxSamples(), done.batches(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("hq retention run failed (tried again in {} min): {}", settings.interval().toMinutes(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        stopping = true;
        timer.shutdown();
        // not shutdownNow: an interrupt would close H2's file channel under a running batch
        timer.awaitTermination(30, TimeUnit.SECONDS);
    }
}
