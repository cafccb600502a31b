package io.outpost.runtime.report;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for every installed bundle to be active (fragments resolved, lazy bundles waiting for their first
 * use), then reports the time since the JVM started; after a minute it names the bundles that never made it.
 */
@Component(immediate = true, service = {})
public final class StartupReport {

    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);
    private static final long GIVE_UP_MILLIS = 60_000;
    private static final long QUIET_MILLIS = 300;

    private final Thread watcher;

    @Activate
    public StartupReport(BundleContext context) {
        watcher = new Thread(() -> watch(context), "outpost-startup-report");
        watcher.setDaemon(true);
        watcher.start();
    }

    @Deactivate
    void stop() {
        watcher.interrupt();
    }

    private void watch(BundleContext context) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MILLIS;
        try {
            long stableSince = -1;
            int stableCount = -1;
            while (System.currentTimeMillis() < deadline) {
                Bundle[] bundles = context.getBundles();
                List<String> pending = pending(bundles);
                if (pending.isEmpty() && bundles.length == stableCount) {
                    if (System.currentTimeMillis() - stableSince >= QUIET_MILLIS) {
                        long sinceJvmStart = ManagementFactory.getRuntimeMXBean().getUptime() - QUIET_MILLIS;
                        LOG.info("Outpost: all {} bundles active, {} ms after JVM start", bundles.length, sinceJvmStart);
                        return;
                    }
                } else {
                    stableSince = System.currentTimeMillis();
                    stableCount = pending.isEmpty() ? bundles.length : -1;
                }
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
