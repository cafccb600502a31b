package io.outpost.driver.gpio;

import java.util.Locale;

/** What a GPIO channel does with its pin, chosen by its {@code mode} parameter. */
enum PinMode {
    /** A digital input: true when the pin is high. Can push edges ({@code listen=true}). */
    INPUT,
    /** A digital output: write true/false, read back the level last set. */
    OUTPUT,
    /** Hardware or software PWM: write the duty cycle in percent (0..100), read back the one set. */
    PWM;

    static PinMode parse(String text) {
        String normal = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PinMode mode : values()) {
            if (mode.name().equals(normal)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + text + "', expected input, output or pwm");
    }
}
