package io.outpost.api.driver;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One device as configured: its name, the driver it needs, its device-level settings and its channels.
 *
 * @param name       unique on the gateway; appears in topics
 * @param driver     the {@link Driver#ID} of the driver that talks to it
 * @param properties device-level settings for the driver (an endpoint, a unit id...), never null
 * @param channels   the channels, in configuration order
 */
public record DeviceConfiguration(String name, String driver, Map<String, String> properties, List<ChannelDescriptor> channels) {

    public DeviceConfiguration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        properties = Map.copyOf(properties == null ? Map.of() : properties);
        channels = List.copyOf(channels == null ? List.of() : channels);
    }

    public String property(String key, String defaultValue) {
        return properties.getOrDefault(key, defaultValue);
    }
}
