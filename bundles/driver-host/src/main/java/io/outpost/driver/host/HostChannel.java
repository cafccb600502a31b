package io.outpost.driver.host;

import java.util.Locale;

import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;

/**
 * A host channel's settings, checked: the metric and its parameters ({@code source} for cpu-load,
 * {@code path} for disk-free, {@code zone} for cpu-temperature).
 */
record HostChannel(String name, HostMetric metric, String source, String path, int zone) {

    static final String LOAD_AVERAGE = "load-average";
    static final String SYSTEM = "system";
    static final String PROCESS = "process";

    /** Parses a descriptor, or throws with a message naming the channel and the field. */
    static HostChannel of(ChannelDescriptor channel) {
        String name = channel.name();
        String metricText = channel.param("metric", "");
        if (metricText.isBlank()) {
            throw new IllegalArgumentException("channel '" + name + "': missing 'metric' (one of " + HostMetric.ids() + ")");
        }
        HostMetric metric;
        try {
            metric = HostMetric.parse(metricText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + name + "': " + e.getMessage());
        }
        if (!channel.type().canRead()) {
            throw new IllegalArgumentException("channel '" + name + "': host metrics are read-only, type must be read");
        }
        if (channel.valueType() == ValueType.BYTES || channel.valueType() == ValueType.BOOLEAN) {
            throw new IllegalArgumentException("channel '" + name + "': valueType " + channel.valueType()
                + " cannot carry a measurement, use double, float, int32, int64 or string");
        }
        String source = channel.param("source", LOAD_AVERAGE).trim().toLowerCase(Locale.ROOT);
        if (!source.equals(LOAD_AVERAGE) && !source.equals(SYSTEM) && !source.equals(PROCESS)) {
            throw new IllegalArgumentException("channel '" + name + "': unknown source '" + source
                + "', expected load-average, system or process");
        }
        String path = channel.param("path", "/").trim();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("channel '" + name + "': path is empty");
        }
        String zoneText = channel.param("zone", "0").trim();
        int zone;
        try {
            zone = Integer.parseInt(zoneText);
        } catch (NumberFormatException e) {
            zone = -1;
        }
        if (zone < 0) {
            throw new IllegalArgumentException("channel '" + name + "': zone must be a thermal zone number (0, 1...), got '" + zoneText + "'");
        }
        return new HostChannel(name, metric, source, path, zone);
    }
}
