package io.outpost.request.conf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.cm.Configuration;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/** One configurable component now: its definition and its ConfigurationAdmin configuration, if any. */
record Configurable(String pid, Optional<String> factoryPid, Optional<ObjectClassDefinition> definition, Configuration configuration) {

    boolean stored() {
        return configuration != null && configuration.getProperties() != null;
    }

    Map<String, Object> storedWithoutFileInstall() {
        Map<String, Object> out = new LinkedHashMap<>();
        Dictionary<String, Object> d = configuration == null ? null : configuration.getProperties();
        if (d != null) {
            for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
                String k = keys.nextElement();
                if (!UpdateCheck.RESERVED.contains(k) && !k.equals(ConfigurationControl.FILEINSTALL_FILE)) {
                    out.put(k, d.get(k));
                }
            }
        }
        return out;
    }

    Optional<Object> stored(String key) {
        Dictionary<String, Object> d = configuration == null ? null : configuration.getProperties();
        return Optional.ofNullable(d == null ? null : d.get(key));
    }

    /** As shown: every defined attribute (stored value or default), then other stored keys; passwords hidden. */
    ComponentConfiguration shown() {
        Map<String, Object> stored = storedWithoutFileInstall();
        List<Property> properties = new ArrayList<>();
        AttributeDefinition[] ads = definition.map(d -> d.getAttributeDefinitions(ObjectClassDefinition.ALL)).orElse(null);
        for (AttributeDefinition ad : ads == null ? new AttributeDefinition[0] : ads) {
            PropertyType type = PropertyType.ofMetatype(ad.getType()).orElse(PropertyType.STRING);
            Object value = stored.remove(ad.getID());
            if (value != null) {
                properties.add(Property.ofStored(ad.getID(), type, value).hidden());
            } else if (ad.getDefaultValue() != null) {
                properties.add(new Property(ad.getID(), type, ad.getCardinality() != 0, Arrays.asList(ad.getDefaultValue())).hidden());
            }
        }
        stored.forEach((k, v) -> properties.add(Property.ofStored(k, PropertyType.ofValue(v), v)));
        return new ComponentConfiguration(pid, factoryPid, definition, properties, stored());
    }

    /** As a snapshot keeps it: the stored keys with their stored types, passwords in clear, the factory pid. */
    ComponentConfiguration saved() {
        List<Property> properties = new ArrayList<>();
        if (stored()) {
            factoryPid.ifPresent(f -> properties.add(new Property(ConfigurationControl.FACTORY_PID, PropertyType.STRING, false, List.of(f))));
            new TreeMap<>(storedWithoutFileInstall()).forEach((k, v) -> properties.add(Property.ofStored(k, PropertyType.ofValue(v), v)));
        }
        return new ComponentConfiguration(pid, factoryPid, definition, properties, stored());
    }
}
