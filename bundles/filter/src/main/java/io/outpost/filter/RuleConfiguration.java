package io.outpost.filter;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One factory configuration of {@code io.outpost.filter.rule}. A wrong configuration is refused with a log
 * message naming the configuration and the field; when an update is wrong, the rule keeps its last valid form.
 * Updates are applied in place ({@code @Modified}), so the filter sees a changed rule, never a gap without it.
 */
@Component(configurationPid = "io.outpost.filter.rule", configurationPolicy = ConfigurationPolicy.REQUIRE, service = RuleSource.class)
@Designate(ocd = RuleConfig.class, factory = true)
public final class RuleConfiguration implements RuleSource {

    private static final Logger LOG = LoggerFactory.getLogger(RuleConfiguration.class);

    private volatile ThresholdRule rule;

    @Activate
    public RuleConfiguration(Map<String, Object> properties) {
        apply(properties);
    }

    @Modified
    void apply(Map<String, Object> properties) {
        String name = String.valueOf(properties.getOrDefault("service.pid", properties.getOrDefault("component.name", "?")));
        try {
            rule = ThresholdRule.parse(name, properties);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}{}", e.getMessage(), rule == null ? "" : "; the rule keeps its previous settings");
        }
    }

    @Override
    public ThresholdRule rule() {
        return rule;
    }
}
