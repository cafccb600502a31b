package io.outpost.filter;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.outpost.api.config.ConfigurationValidator;

/**
 * Checks a filter rule configuration before it is saved (the web console's forms use it): the refusal of
 * {@link ThresholdRule#parse}, word for word what {@link RuleConfiguration} logs when it refuses one.
 */
@Component(property = ConfigurationValidator.PID + "=io.outpost.filter.rule")
public final class RuleValidator implements ConfigurationValidator {

    @Override
    public List<String> refusals(String name, Map<String, Object> properties) {
        try {
            ThresholdRule.parse(name, properties);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        } catch (RuntimeException e) {
            return List.of("filter rule '" + name + "' refused: " + e);
        }
    }
}
