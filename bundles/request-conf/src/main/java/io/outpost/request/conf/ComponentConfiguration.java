package io.outpost.request.conf;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * One configurable component as CONF-V1 and {@code outpost:conf} show it: its pid, its factory pid (for a factory
 * configuration), its metatype definition, and its properties (stored values, or the defaults for attributes
 * nothing stored). Immutable.
 *
 * @param stored whether ConfigurationAdmin holds a configuration for the pid (false: all values are defaults)
 */
record ComponentConfiguration(String pid, Optional<String> factoryPid, Optional<ObjectClassDefinition> definition,
                              List<Property> properties, boolean stored) {

    ComponentConfiguration {
        Objects.requireNonNull(pid, "pid");
        properties = List.copyOf(properties);
    }

    ComponentConfiguration withPasswordsHidden() {
        return new ComponentConfiguration(pid, factoryPid, definition, properties.stream().map(Property::hidden).toList(), stored);
    }

    Optional<Property> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
