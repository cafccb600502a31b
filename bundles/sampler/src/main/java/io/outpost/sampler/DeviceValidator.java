package io.outpost.sampler;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.outpost.api.config.ConfigurationValidator;

/**
 * Checks a device configuration before it is saved (the web console's forms use it): the refusal of
 * {@link DeviceSettings#parse}, word for word what a {@link SampledDevice} fails with for it. The problems that only
 * make the sampler fall back to a default (logged as warnings) do not refuse a configuration.
 */
@Component(property = ConfigurationValidator.PID + "=io.outpost.device")
public final class DeviceValidator implements ConfigurationValidator {

    @Override
    public List<String> refusals(String name, Map<String, Object> properties) {
        try {
            DeviceSettings.parse(properties);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        } catch (RuntimeException e) {
            return List.of("device configuration " + name + " refused: " + e);
        }
    }
}
