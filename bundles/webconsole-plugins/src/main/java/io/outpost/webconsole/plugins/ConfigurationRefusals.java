package io.outpost.webconsole.plugins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.webconsole.spi.ConfigurationHandler;
import org.apache.felix.webconsole.spi.ValidationException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.api.config.ConfigurationValidator;

/**
 * Hooks the Web Console's configuration forms: before a configuration is saved, the {@link ConfigurationValidator}s
 * registered for its PID (or factory PID) check it; a refusal is shown to the operator (the console answers 400 with
 * the messages, the components' own log messages) and the configuration is not saved.
 */
@Component
public final class ConfigurationRefusals implements ConfigurationHandler {

    private final Map<ConfigurationValidator, String> validators = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addValidator(ConfigurationValidator v, Map<String, Object> properties) {
        validators.put(v, String.valueOf(properties.get(ConfigurationValidator.PID)));
    }

    void removeValidator(ConfigurationValidator v) {
        validators.remove(v);
    }

    @Override
    public void updateConfiguration(String factoryPid, String pid, Dictionary<String, Object> props) throws ValidationException {
        String target = factoryPid != null && !factoryPid.isEmpty() ? factoryPid : pid;
        Map<String, Object> properties = new HashMap<>();
        for (String key : Collections.list(props.keys())) {
            properties.put(key, props.get(key));
        }
        List<String> refusals = new ArrayList<>();
        validators.forEach((v, forPid) -> {
            if (forPid.equals(target)) {
                try {
                    refusals.addAll(v.refusals(pid, properties));
                } catch (RuntimeException e) {
                    refusals.add("configuration " + pid + ": its validator failed: " + e);
                }
            }
        });
        if (!refusals.isEmpty()) {
            throw new ValidationException(String.join("\n", refusals));
        }
    }

    @Override
    public void createConfiguration(String pid) {
    }

    @Override
    public void createFactoryConfiguration(String factoryPid, String name) {
    }

    @Override
    public void deleteConfiguration(String factoryPid, String pid) {
    }
}
