package io.outpost.filter;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Reading;
import io.outpost.api.data.ReadingListener;
import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.upstream.Upstream;

/**
 * The filter between the sampler and the upstream: a {@link ReadingListener} that judges each device poll's
 * readings against the configured rules and sends what is worth sending to the {@link Upstream} (the
 * highest-ranked one; {@code upstream.target} in the configuration can pick another). Its counters are the
 * {@link FilterStatistics} service.
 */
@Component(configurationPid = "io.outpost.filter", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
    service = {ReadingListener.class, FilterStatistics.class})
@Designate(ocd = FilterConfig.class)
public final class ThresholdFilter implements ReadingListener, FilterStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(ThresholdFilter.class);
    private static final String DEFAULT_STATE_FILE = "alarms.txt";

    private final BundleContext context;
    private final ReadingFilter filter;
    private final Set<RuleSource> sources = ConcurrentHashMap.newKeySet();

    @Activate
    public ThresholdFilter(@Reference(name = "upstream", policyOption = ReferencePolicyOption.GREEDY) Upstream upstream, FilterConfig config,
            BundleContext context) {
        this(upstream, config, context, Clock.systemUTC());
    }

    ThresholdFilter(Upstream upstream, FilterConfig config, BundleContext context, Clock clock) {
        this.context = context;
        DefaultAction defaultAction;
        try {
            defaultAction = DefaultAction.parse(config.defaultAction());
        } catch (IllegalArgumentException e) {
            LOG.warn("threshold filter configuration io.outpost.filter refused: field 'defaultAction': {}; using pass-all", e.getMessage());
            defaultAction = DefaultAction.PASS_ALL;
        }
        Path stateFile = stateFile(config.stateFile(), context);
        this.filter = new ReadingFilter(clock, defaultAction, upstream, stateFile);
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

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "updatedRule", unbind = "unbindRule")
    void bindRule(RuleSource source) {
        sources.add(source);
        refreshRules();
    }

    void updatedRule(RuleSource source) {
        refreshRules();
    }

    void unbindRule(RuleSource source) {
        sources.remove(source);
        // while the bundle stops, its rules go one by one: keep the last full set, or alarms would be cleared
        if (context.getBundle().getState() != Bundle.STOPPING) {
            refreshRules();
        }
    }

    private synchronized void refreshRules() {
        List<ThresholdRule> rules = new ArrayList<>();
        for (RuleSource source : sources) {
            ThresholdRule rule = source.rule();
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

    /** The rules in force, most specific first (for the shell command). */
    List<ThresholdRule> rules() {
        return filter.rules();
    }

}
