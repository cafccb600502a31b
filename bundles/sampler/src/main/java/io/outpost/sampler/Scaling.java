package io.outpost.sampler;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;

/** Converts between a driver's raw values and a channel's engineering values: raw * scale + offset. */
final class Scaling {

    private Scaling() {
    }

    /** Raw value from the driver to the channel's type and units. */
    static Value toEngineering(ChannelDescriptor channel, Value raw) {
        ValueType target = channel.valueType();
        if (channel.isIdentityScaling() && raw.type() == target) {
            return raw;
        }
        if (target == ValueType.STRING) {
            return Value.of(raw.toString());
        }
        if (target == ValueType.BYTES || raw.type() == ValueType.BYTES) {
            throw new IllegalArgumentException("channel '" + channel.name() + "': cannot turn " + raw.type() + " into " + target);
        }
        double number = raw.type() == ValueType.STRING ? Double.parseDouble(raw.toString()) : raw.asDouble();
        return Value.convert(number * channel.scale() + channel.offset(), target);
    }

    /** Engineering value from an operator or HQ back to what the driver expects. */
    static Value toRaw(ChannelDescriptor channel, Value engineering) {
        if (channel.isIdentityScaling()) {
            return engineering;
        }
        double raw = (engineering.asDouble() - channel.offset()) / channel.scale();
        return Value.convert(raw, channel.valueType());
    }
}
