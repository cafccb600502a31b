package io.outpost.runtime.report;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.outbox.OutboxStatistics;

/**
 * Waits for every installed bundle to be active (fragments resolved, lazy bundles waiting for their first
 * use), then reports the time since the JVM started; after a minute it names the bundles that never made it.
 * It also says when the first message reached a link: the outbox's statistics are asked every 25 ms until
 * then, never afterwards, so nothing is added to the data path.
 */
@Component(immediate = true, service = {})
public final class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);
    private static final long GIVE_UP_MILLIS = 60_000;
    private static final long QUIET_MILLIS = 300;

    private final Thread watcher;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY)
    private volatile OutboxStatistics outbox;

    @Activate
    public StartupReport(BundleContext context) {
        watcher = new Thread(() -> {
            FirstMessageWatch first = new FirstMessageWatch(() -> outbox);
            watch(context, first);
            first.awaitAndReport(GIVE_UP_MILLIS);
        }, "outpost-startup-report");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Deactivate
    void stop() {
        watcher.interrupt();
    }

    private void watch(BundleContext context, FirstMessageWatch first) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        try {
            long stableSince = -1;
            int stableCount = -1;
            while (System.currentTimeMillis() < deadline) {
                Bundle[] bundles = context.getBundles();
                List<String> pending = pending(bundles);
                if (pending.isEmpty() && bundles.length == stableCount) {
                    if (System.currentTimeMillis() - stableSince >= QUIET_MILLIS) {
                        long sinceJvmStart = FirstMessageWatch.uptimeMillis() - QUIET_MILLIS;
                        LOG.info("Outpost: all {} bundles active, {} ms after JVM start", bundles.length, sinceJvmStart);
                        return;
                    }
                } else {
                    stableSince = System.currentTimeMillis();
                    stableCount = pending.isEmpty() ? bundles.length : -1;
                }
                first.check();
                Thread.sleep(25);
            }
            LOG.warn("Outpost: bundles not active after {} s: {}", GIVE_UP_MILLIS / 1000, pending(context.getBundles()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the framework is stopping
        }
    }

    private static List<String> pending(Bundle[] bundles) {
        List<String> pending = new ArrayList<>();
        for (Bundle bundle : bundles) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            boolean lazy = Constants.ACTIVATION_LAZY.equals(bundle.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY));
            int state = bundle.getState();
            boolean ok = state == Bundle.ACTIVE || fragment && state == Bundle.RESOLVED || lazy && state == Bundle.STARTING;
            if (!ok) {
                pending.add(bundle.getSymbolicName());
            }
        }
        return pending;
    }
}
