package io.outpost.sampler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelType;
import io.outpost.api.driver.DeviceConfiguration;

/**
 * A device configuration parsed from flat ConfigAdmin properties, with the problems found. A channel with a
 * problem is left out; the rest of the device still works.
 */
record DeviceSettings(DeviceConfiguration device, long pollMillis, List<String> problems) {

    static final String CHANNEL_PREFIX = "channel.";
    private static final Set<String> DEVICE_KEYS = Set.of("name", "driver", "pollMillis");
    private static final Set<String> CHANNEL_KEYS = Set.of("type", "valueType", "unit", "scale", "offset", "enabled");
    /** Channel parameters the sampler itself reads (they stay in the parameters, so a driver may see them too). */
    static final Set<String> SAMPLER_CHANNEL_PARAMS = Set.of("listen");
    private static final long MIN_POLL_MILLIS = 100;

    /**
     * Parses the properties.
     *
     * @throws IllegalArgumentException when the device as a whole is unusable (no name, no driver)
     */
    static DeviceSettings parse(Map<String, ?> properties) {
        String name = text(properties.get("name"));
        String driver = text(properties.get("driver"));
        if (name.isEmpty() || name.contains("/") || name.contains("+") || name.contains("#")) {
            throw new IllegalArgumentException("device 'name' is missing or contains / + #: '" + name + "'");
        }
        if (driver.isEmpty()) {
            throw new IllegalArgumentException("device '" + name + "': 'driver' is missing");
        }
        List<String> problems = new ArrayList<>();
        long poll = 1000;
        Object pollValue = properties.get("pollMillis");
        if (pollValue != null) {
            try {
                poll = Long.parseLong(text(pollValue));
                if (poll < MIN_POLL_MILLIS) {
                    problems.add("device '" + name + "': pollMillis " + poll + " is below " + MIN_POLL_MILLIS + ", using " + MIN_POLL_MILLIS);
                    poll = MIN_POLL_MILLIS;
                }
            } catch (NumberFormatException e) {
                problems.add("device '" + name + "': pollMillis '" + pollValue + "' is not a number, using 1000");
            }
        }
        Map<String, String> deviceProperties = new LinkedHashMap<>();
        Map<String, Map<String, String>> channelKeys = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(CHANNEL_PREFIX)) {
                String rest = key.substring(CHANNEL_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                if (dot <= 0 || dot == rest.length() - 1) {
                    problems.add("device '" + name + "': key '" + key + "' is not channel.<name>.<attribute>");
                } else {
                    channelKeys.computeIfAbsent(rest.substring(0, dot), c -> new LinkedHashMap<>()).put(rest.substring(dot + 1), text(value));
                }
            } else if (!DEVICE_KEYS.contains(key) && !isFrameworkKey(key)) {
                deviceProperties.put(key, text(value));
            }
        });
        List<ChannelDescriptor> channels = new ArrayList<>();
        channelKeys.forEach((channel, attributes) -> {
            try {
                channels.add(channel(channel, attributes));
            } catch (IllegalArgumentException e) {
                problems.add("device '" + name + "': " + e.getMessage());
            }
        });
        return new DeviceSettings(new DeviceConfiguration(name, driver, deviceProperties, channels), poll, List.copyOf(problems));
    }

    private static ChannelDescriptor channel(String name, Map<String, String> attributes) {
        try {
            ChannelType type = ChannelType.parse(attributes.getOrDefault("type", "read"));
            ValueType valueType = ValueType.parse(attributes.getOrDefault("valueType", "double"));
            double scale = Double.parseDouble(attributes.getOrDefault("scale", "1"));
            double offset = Double.parseDouble(attributes.getOrDefault("offset", "0"));
            if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
                throw new IllegalArgumentException("scale must be finite and non-zero, offset finite");
            }
            if ((scale != 1 || offset != 0) && !valueType.isNumeric()) {
                throw new IllegalArgumentException("scale/offset need a numeric valueType, not " + valueType);
            }
            boolean enabled = !"false".equalsIgnoreCase(attributes.getOrDefault("enabled", "true").trim());
            Map<String, String> params = new LinkedHashMap<>(attributes);
            params.keySet().removeAll(CHANNEL_KEYS);
            return new ChannelDescriptor(name, type, valueType, attributes.getOrDefault("unit", ""), scale, offset, enabled, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + name + "': " + e.getMessage(), e);
        }
    }

    /** Keys ConfigAdmin, DS and FileInstall add ({@code service.pid}, {@code felix.fileinstall.filename}...): never the driver's. */
    private static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("component.") || key.startsWith("felix.")
            || key.startsWith("osgi.") || key.equals("objectClass");
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Object[] array) {
            return String.join(",", java.util.Arrays.stream(array).map(String::valueOf).toList());
        }
        return String.valueOf(value).trim();
    }
}
