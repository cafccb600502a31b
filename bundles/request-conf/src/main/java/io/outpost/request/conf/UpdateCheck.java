package io.outpost.request.conf;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks one {@link ConfigurationUpdate} against the pid's metatype definition and computes the properties to store:
 * the stored ones with the update's replacing those of the same name. Types, cardinality, ranges and option
 * values are checked by metatype ({@link AttributeDefinition#validate}); the first bad value refuses the whole
 * update with a message naming the pid and the attribute. Attributes the definition does not list are taken with
 * the type the request gives (components such as devices have open-ended keys), except ConfigurationAdmin's own.
 */
final class UpdateCheck {

    /** Keys that ConfigurationAdmin owns; an update may not set them. */
    static final Set<String> RESERVED = Set.of("service.pid", "service.factoryPid", "service.bundleLocation");

    private UpdateCheck() {
    }

    /**
     * @param definition the pid's definition, empty when it has none
     * @param stored     the stored properties (without ConfigurationAdmin's keys), empty when none
     * @return the complete properties to store
     */
    static Map<String, Object> apply(ConfigurationUpdate update, Optional<ObjectClassDefinition> definition, Map<String, Object> stored)
        throws ConfigurationRefused {
        Map<String, Object> result = new LinkedHashMap<>(stored);
        RESERVED.forEach(result::remove);
        for (Property p : update.properties()) {
            String where = "pid '" + update.pid() + "' attribute '" + p.name() + "'";
            if (RESERVED.contains(p.name())) {
                throw new ConfigurationRefused(where + ": is set by ConfigurationAdmin, not by a request");
            }
            Optional<AttributeDefinition> ad = definition.flatMap(d -> attribute(d, p.name()));
            if (ad.isEmpty()) {
                result.put(p.name(), undeclared(p, where));
                continue;
            }
            PropertyType type = PropertyType.ofMetatype(ad.get().getType()).orElse(PropertyType.STRING);
            if (type == PropertyType.PASSWORD && p.keepsStoredPassword()) {
                continue;   // the placeholder a reply showed: keep what is stored
            }
            if (!compatible(p.type(), type)) {
                throw new ConfigurationRefused(where + ": has type " + type.wireName + ", not " + p.type().wireName);
            }
            result.put(p.name(), checked(p, ad.get(), type, where));
        }
        return result;
    }

    static Optional<AttributeDefinition> attribute(ObjectClassDefinition definition, String id) {
        AttributeDefinition[] all = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
        return all == null ? Optional.empty() : Arrays.stream(all).filter(a -> id.equals(a.getID())).findFirst();
    }

    private static Object checked(Property p, AttributeDefinition ad, PropertyType type, String where) throws ConfigurationRefused {
        int cardinality = ad.getCardinality();
        int n = p.values().size();
        if (cardinality == 0 && n != 1) {
            throw new ConfigurationRefused(where + ": takes exactly one value, got " + n);
        }
        int most = cardinality == Integer.MIN_VALUE ? Integer.MAX_VALUE : Math.abs(cardinality);
        if (cardinality != 0 && n > most) {
            throw new ConfigurationRefused(where + ": takes at most " + most + " values, got " + n);
        }
        List<Object> parsed = new ArrayList<>(n);
        for (String text : p.values()) {
            try {
                parsed.add(type.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationRefused(where + ": " + e.getMessage());
            }
            String verdict = ad.validate(type == PropertyType.STRING || type == PropertyType.PASSWORD ? text : text.trim());
            if (verdict != null && !verdict.isEmpty()) {
                throw new ConfigurationRefused(where + ": " + (type == PropertyType.PASSWORD ? "the value" : "'" + PropertyType.shorten(text) + "'")
                    + " is refused by its definition: " + (verdict.startsWith("%") ? verdict.substring(1) : verdict) + describeBounds(ad));
            }
        }
        String[] options = ad.getOptionValues();
        if (options != null && options.length > 0 && (type == PropertyType.STRING || type == PropertyType.CHAR)) {
            for (String text : p.values()) {
                if (!Arrays.asList(options).contains(text)) {   // metatype trims before comparing; the stored text must be the option
                    throw new ConfigurationRefused(where + ": '" + PropertyType.shorten(text) + "' is not one of the options" + describeBounds(ad));
                }
            }
        }
        if (cardinality == 0) {
            return parsed.get(0);
        }
        if (cardinality < 0) {
            return parsed;
        }
        return toArray(type, parsed);
    }

    private static String describeBounds(AttributeDefinition ad) {
        String[] options = ad.getOptionValues();
        return options == null || options.length == 0 ? "" : " (options: " + String.join(", ", options) + ")";
    }

    private static Object undeclared(Property p, String where) throws ConfigurationRefused {
        List<Object> parsed = new ArrayList<>();
        for (String text : p.values()) {
            try {
                parsed.add(p.type().parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationRefused(where + ": " + e.getMessage());
            }
        }
        if (!p.array()) {
            if (parsed.size() != 1) {
                throw new ConfigurationRefused(where + ": is not an array but has " + parsed.size() + " values");
            }
            return parsed.get(0);
        }
        return toArray(p.type(), parsed);
    }

    private static Object toArray(PropertyType type, List<Object> values) {
        Object array = type.newArray(values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, values.get(i));
        }
        return array;
    }

    /** Whether a value sent as {@code sent} may be read as {@code declared} (JSON numbers and text are loose). */
    private static boolean compatible(PropertyType sent, PropertyType declared) {
        if (sent == declared || sent == PropertyType.STRING) {
            return true;
        }
        return switch (declared) {
            case PASSWORD -> sent == PropertyType.STRING;
            case INTEGER, SHORT, BYTE -> sent == PropertyType.LONG;
            case DOUBLE, FLOAT -> sent == PropertyType.LONG || sent == PropertyType.DOUBLE || sent == PropertyType.FLOAT;
            case LONG -> sent == PropertyType.INTEGER || sent == PropertyType.SHORT || sent == PropertyType.BYTE;
            default -> false;
        };
    }

    /** Whether two property maps hold the same values (arrays and lists by content). */
    static boolean same(Map<String, Object> a, Map<String, Object> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!Objects.equals(normal(e.getValue()), normal(b.get(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private static Object normal(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return List.of("array", list);
        }
        if (value instanceof java.util.Collection<?> c) {
            return List.of("list", new ArrayList<>(c));
        }
        return value;
    }
}
