package io.outpost.hq.store;

import java.time.Clock;
import java.time.Duration;
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
 * Every {@code sweepSeconds}, marks gateways that are online but silent for longer than {@code unknownAfterSeconds}
 * as unknown. The database does the marking in one UPDATE, so several HQ instances sweeping agree.
 */
@Component(service = SilenceSweeper.class, immediate = true, configurationPid = "io.outpost.hq.fleet")
@Designate(ocd = SilenceConfig.class)
public final class SilenceSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceSweeper.class);

    private final JdbcFleetRegistry registry;
    private final Clock clock;
    private final Duration unknownAfter;
    private final ScheduledExecutorService timer;

    @Activate
    public SilenceSweeper(SilenceConfig config, @Reference HqDatabase database) {
        if (config.unknownAfterSeconds() < 1) {
            throw new IllegalArgumentException("hq fleet: 'unknownAfterSeconds' " + config.unknownAfterSeconds() + " is below 1");
        }
        if (config.sweepSeconds() < 1) {
            throw new IllegalArgumentException("hq fleet: 'sweepSeconds' " + config.sweepSeconds() + " is below 1");
        }
        this.registry = new JdbcFleetRegistry(database);
        this.clock = Clock.systemUTC();
        this.unknownAfter = Duration.ofSeconds(config.unknownAfterSeconds());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "outpost-hq-silence"));
        timer.scheduleWithFixedDelay(this::sweep, config.sweepSeconds(), config.sweepSeconds(), TimeUnit.SECONDS);
    }

    void sweep() {
        try {
            int marked = registry.markSilentUnknown(clock.instant().minus(unknownAfter));
            if (marked > 0) {
                LOG.info("{} gateway(s) silent for more than {} s without a DC or LWT are now unknown", marked, unknownAfter.toSeconds());
            }
        } catch (RuntimeException e) {
            LOG.warn("looking for silent gateways failed: {}", e.getMessage());
        }
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }
}
