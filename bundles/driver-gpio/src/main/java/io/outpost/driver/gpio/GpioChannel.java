package io.outpost.driver.gpio;

import java.util.Locale;

import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;

/**
 * A GPIO channel's settings, checked. Parameters: {@code pin} (BCM number), {@code mode} (input, output, pwm),
 * {@code pull} (input: up, down, off), {@code debounceMillis} (input), {@code initial} (output: low/high; pwm: duty
 * cycle), {@code frequency} (pwm, Hz).
 */
record GpioChannel(String name, PinMode mode, int pin, String pull, long debounceMillis, String initial, int frequency) {

    static final int HIGHEST_PIN = 53;

    /** Parses a descriptor, or throws with a message naming the channel and the field. */
    static GpioChannel of(ChannelDescriptor channel) {
        String name = channel.name();
        String pinText = channel.param("pin", "");
        if (pinText.isBlank()) {
            throw new IllegalArgumentException("channel '" + name + "': missing 'pin' (the BCM GPIO number, e.g. 17)");
        }
        int pin = integer(name, "pin", pinText);
        if (pin < 0 || pin > HIGHEST_PIN) {
            throw new IllegalArgumentException("channel '" + name + "': pin " + pin + " is not a BCM GPIO number (0.." + HIGHEST_PIN + ")");
        }
        PinMode mode;
        try {
            mode = PinMode.parse(channel.param("mode", channel.type().canWrite() ? "output" : "input"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + name + "': " + e.getMessage());
        }
        ValueType valueType = channel.valueType();
        if (mode == PinMode.PWM ? !valueType.isNumeric() : valueType != ValueType.BOOLEAN) {
            throw new IllegalArgumentException("channel '" + name + "': a " + mode.name().toLowerCase(Locale.ROOT) + " pin needs valueType "
                + (mode == PinMode.PWM ? "double (duty cycle in %)" : "boolean") + ", not " + valueType.name().toLowerCase(Locale.ROOT));
        }
        if (mode == PinMode.INPUT && channel.type().canWrite()) {
            throw new IllegalArgumentException("channel '" + name + "': an input pin cannot be written, type must be read");
        }
        String pull = channel.param("pull", "off").trim().toLowerCase(Locale.ROOT);
        if (!pull.equals("up") && !pull.equals("down") && !pull.equals("off")) {
            throw new IllegalArgumentException("channel '" + name + "': unknown pull '" + pull + "', expected up, down or off");
        }
        long debounce = integer(name, "debounceMillis", channel.param("debounceMillis", "0"));
        if (debounce < 0) {
            throw new IllegalArgumentException("channel '" + name + "': debounceMillis must not be negative");
        }
        String initial = channel.param("initial", mode == PinMode.PWM ? "0" : "low").trim().toLowerCase(Locale.ROOT);
        if (mode == PinMode.OUTPUT && !initial.equals("low") && !initial.equals("high")) {
            throw new IllegalArgumentException("channel '" + name + "': initial must be low or high, got '" + initial + "'");
        }
        if (mode == PinMode.PWM) {
            double duty = number(name, "initial", initial);
            if (duty < 0 || duty > 100) {
                throw new IllegalArgumentException("channel '" + name + "': initial duty cycle must be 0..100, got " + initial);
            }
        }
        int frequency = integer(name, "frequency", channel.param("frequency", "1000"));
        if (frequency <= 0) {
            throw new IllegalArgumentException("channel '" + name + "': frequency must be positive (Hz)");
        }
        return new GpioChannel(name, mode, pin, pull, debounce, initial, frequency);
    }

    private static int integer(String channel, String key, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("channel '" + channel + "': " + key + " must be a whole number, got '" + text + "'");
        }
    }

    private static double number(String channel, String key, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("channel '" + channel + "': " + key + " must be a number, got '" + text + "'");
        }
    }
}
