package io.outpost.filter;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Reading;
import io.outpost.api.data.ReadingListener;
import io.outpost.api.device.Device;
import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.filter.RuleStatus;
import io.outpost.api.upstream.Upstream;

/**
 * The filter between the sampler and the upstream: a {@link ReadingListener} that judges each device poll's
 * readings against the configured rules and sends what is worth sending to the {@link Upstream} (the
 * highest-ranked one, rebinding greedily; {@code upstream.target} in the configuration can pick another). The
 * upstream is bound dynamically: while none is (the outbox restarts), the filter stays registered and holds
 * what it would send. One timer thread ("outpost-filter-timer") sends heartbeats of silent channels, retries
 * refused alarms, handles acknowledgements and forgets removed devices. Its counters are the
 * {@link FilterStatistics} service.
 */
@Component(configurationPid = "io.outpost.filter", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
    service = {ReadingListener.class, FilterStatistics.class})
@Designate(ocd = FilterConfig.class)
public final class ThresholdFilter implements ReadingListener, FilterStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdFilter.class);
    private static final String DEFAULT_STATE_FILE = "alarms.txt";
    static final long TICK_MILLIS = 1000;

    private final BundleContext context;
    private final ScheduledExecutorService timer;
    private final ReadingFilter filter;
    private final Set<RuleConfiguration> configurations = ConcurrentHashMap.newKeySet();

    @Activate
    public ThresholdFilter(FilterConfig config, BundleContext context) {
        this(config, context, Clock.systemUTC());
    }

    ThresholdFilter(FilterConfig config, BundleContext context, Clock clock) {
        this.context = context;
        DefaultAction defaultAction;
        try {
            defaultAction = DefaultAction.parse(config.defaultAction());
        } catch (IllegalArgumentException e) {
            LOG.warn("threshold filter configuration io.outpost.filter refused: field 'defaultAction': {}; using pass-all", e.getMessage());
            defaultAction = DefaultAction.PASS_ALL;
        }
        int hold = config.holdMessages();
        if (hold < 0) {
            LOG.warn("threshold filter configuration io.outpost.filter: field 'holdMessages': {} is negative; using {}", hold,
                ReadingFilter.DEFAULT_HOLD_MESSAGES);
            hold = ReadingFilter.DEFAULT_HOLD_MESSAGES;
        }
        long pruneAfter = config.pruneAfterSeconds();
        if (pruneAfter < 1) {
            LOG.warn("threshold filter configuration io.outpost.filter: field 'pruneAfterSeconds': {} is below 1; using {}",
                pruneAfter, ReadingFilter.DEFAULT_PRUNE_AFTER_MILLIS / 1000);
            pruneAfter = ReadingFilter.DEFAULT_PRUNE_AFTER_MILLIS / 1000;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "outpost-filter-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = executor;
        Path stateFile = stateFile(config.stateFile(), context);
        this.filter = new ReadingFilter(clock, defaultAction, stateFile, timer, hold, pruneAfter * 1000);
        timer.scheduleWithFixedDelay(filter::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("threshold filter: default {}, alarm state in {}", config.defaultAction(), stateFile == null ? "memory only" : stateFile);
    }

    private static Path stateFile(String configured, BundleContext context) {
        if (configured != null && !configured.isBlank()) {
            try {
                return Path.of(configured.trim());
            } catch (RuntimeException e) {
                LOG.warn("threshold filter configuration io.outpost.filter: field 'stateFile': '{}' is not a path ({}); "
                    + "using the bundle's data area", configured, e.getMessage());
            }
        }
        File data = context.getDataFile(DEFAULT_STATE_FILE);
        return data == null ? null : data.toPath();
    }

    @Reference(name = "upstream", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
        policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindUpstream")
    void bindUpstream(Upstream upstream) {
        filter.upstream(upstream);
    }

    void unbindUpstream(Upstream upstream) {
        filter.upstreamGone(upstream);
    }

    /** Only the name matters: bound by reference, so the device service itself is never fetched. */
    @Reference(name = "device", service = Device.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
        unbind = "unbindDevice")
    void bindDevice(ServiceReference<Device> device) {
        String name = deviceName(device);
        if (name != null) {
            filter.deviceAdded(name);
        }
    }

    void unbindDevice(ServiceReference<Device> device) {
        String name = deviceName(device);
        if (name != null) {
            filter.deviceRemoved(name);
        }
    }

    private static String deviceName(ServiceReference<Device> device) {
        Object name = device.getProperty(Device.NAME);
        return name == null ? null : name.toString();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "updatedRule", unbind = "unbindRule")
    void bindRule(RuleConfiguration configuration) {
        configurations.add(configuration);
        refreshRules();
    }

    void updatedRule(RuleConfiguration configuration) {
        refreshRules();
    }

    void unbindRule(RuleConfiguration configuration) {
        configurations.remove(configuration);
        // while the bundle stops, its rules go one by one: keep the last full set, or alarms would be cleared
        if (context.getBundle().getState() != Bundle.STOPPING) {
            refreshRules();
        }
    }

    @Deactivate
    void deactivate() {
        filter.close();
        // no interrupt: the timer may be writing the alarm file through a FileChannel
        timer.shutdown();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("threshold filter: the timer did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void refreshRules() {
        List<ThresholdRule> rules = new ArrayList<>();
        for (RuleConfiguration configuration : configurations) {
            ThresholdRule rule = configuration.rule();
            if (rule != null) {
                rules.add(rule);
            }
        }
        filter.rules(rules);
        LOG.debug("threshold filter: {} rule(s)", rules.size());
    }

    @Override
    public void onReadings(List<Reading> batch) {
        try {
            filter.accept(batch);
        } catch (RuntimeException e) {
            // must not throw into the sampler; one failing batch must not stop the next
            LOG.warn("threshold filter: a batch of {} reading(s) failed: {}", batch.size(), e.toString());
        }
    }

    @Override
    public List<ChannelStatistics> channels() {
        return filter.channels();
    }

    @Override
    public FilterTotals totals() {
        return filter.totals();
    }

    @Override
    public List<RuleStatus> ruleStatus() {
        return configurations.stream().map(RuleConfiguration::status).sorted(Comparator.comparing(RuleStatus::name)).toList();
    }

    /** The rules in force, most specific first (for the shell command). */
    List<ThresholdRule> rules() {
        return filter.rules();
    }
}
