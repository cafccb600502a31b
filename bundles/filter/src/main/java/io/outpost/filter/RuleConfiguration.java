package io.outpost.filter;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.filter.RuleStatus;

/**
 * One factory configuration of {@code io.outpost.filter.rule}, registered as a service the filter collects
 * (internal to this bundle). A wrong configuration is refused with a log message naming the configuration and
 * the field, and its {@link #status} says so; when an update is wrong, the rule keeps its last valid form. Keys
 * no rule field reads are logged and listed in the status. Updates are applied in place ({@code @Modified}), so
 * the filter sees a changed rule, never a gap without it.
 */
@Component(configurationPid = "io.outpost.filter.rule", configurationPolicy = ConfigurationPolicy.REQUIRE,
    service = RuleConfiguration.class)
@Designate(ocd = RuleConfig.class, factory = true)
public final class RuleConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RuleConfiguration.class);

    /** The rule in force and what became of the configuration, replaced together. */
    private record Outcome(ThresholdRule rule, RuleStatus status) {
    }

    private volatile Outcome outcome;

    @Activate
    public RuleConfiguration(Map<String, Object> properties) {
        apply(properties);
    }

    @Modified
    void apply(Map<String, Object> properties) {
        String name = String.valueOf(properties.getOrDefault("service.pid", properties.getOrDefault("component.name", "?")));
        List<String> unknown = ThresholdRule.unknownKeys(properties);
        if (!unknown.isEmpty()) {
            LOG.warn("filter rule '{}': unknown key(s) {} ignored (known: {})", name, unknown,
                ThresholdRule.KEYS.stream().sorted().toList());
        }
        Outcome previous = outcome;
        try {
            outcome = new Outcome(ThresholdRule.parse(name, properties), new RuleStatus(name, false, "", unknown));
        } catch (IllegalArgumentException e) {
            ThresholdRule kept = previous == null ? null : previous.rule();
            LOG.warn("{}{}", e.getMessage(), kept == null ? "; its channels fall back to the default action"
                : "; the rule keeps its previous settings");
            outcome = new Outcome(kept, new RuleStatus(name, kept == null, e.getMessage(), unknown));
        }
    }

    /** The rule in force, or null when the configuration was refused and there was no earlier valid one. */
    ThresholdRule rule() {
        return outcome.rule();
    }

    RuleStatus status() {
        return outcome.status();
    }
}
