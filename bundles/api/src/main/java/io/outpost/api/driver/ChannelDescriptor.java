package io.outpost.api.driver;

import java.util.Map;
import java.util.Objects;

import io.outpost.api.data.ValueType;

/**
 * One configured channel of a device.
 *
 * @param name      unique within the device
 * @param type      read, write or both
 * @param valueType the type of the values the channel carries (after scale and offset)
 * @param unit      engineering unit, may be empty
 * @param scale     raw values are multiplied by this ...
 * @param offset    ... and then this is added (applied by the sampler to numeric reads, reversed on writes)
 * @param enabled   a disabled channel is neither read nor written
 * @param params    driver-specific settings (a Modbus address, a waveform...), never null
 */
public record ChannelDescriptor(String name, ChannelType type, ValueType valueType, String unit, double scale,
        double offset, boolean enabled, Map<String, String> params) {

    public ChannelDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(valueType, "valueType");
        unit = unit == null ? "" : unit;
        params = Map.copyOf(params == null ? Map.of() : params);
    }

    /** A driver-specific parameter, or the default when it is not set. */
    public String param(String key, String defaultValue) {
        return params.getOrDefault(key, defaultValue);
    }

    /** A required driver-specific parameter. */
    public String requireParam(String key) throws DriverException {
        String v = params.get(key);
        if (v == null || v.isBlank()) {
            throw new DriverException("channel '" + name + "': missing '" + key + "'");
        }
        return v;
    }

    /** True when the scale/offset transform changes nothing. */
    public boolean isIdentityScaling() {
        return scale == 1.0 && offset == 0.0;
    }
}
