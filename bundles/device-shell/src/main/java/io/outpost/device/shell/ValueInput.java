package io.outpost.device.shell;

import java.util.Locale;

import io.outpost.api.data.Value;
import io.outpost.api.driver.ChannelDescriptor;

/** Turns what an operator typed into a value of the channel's type, or says why it cannot. */
final class ValueInput {

    private ValueInput() {
    }

    static Value parse(ChannelDescriptor channel, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("channel '" + channel.name() + "' needs a value");
        }
        try {
            return Value.parse(text, channel.valueType());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + channel.name() + "' takes "
                + channel.valueType().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
        }
    }
}
