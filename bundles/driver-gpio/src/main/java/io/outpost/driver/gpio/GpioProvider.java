package io.outpost.driver.gpio;

import java.util.Locale;

import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.pwm.LinuxFsPwmProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import com.pi4j.provider.Provider;

/**
 * The Pi4J 2.8.0 providers this driver can use, created explicitly (ServiceLoader does not see across bundles).
 * On a Raspberry Pi: {@code gpiod} (libgpiod through /dev/gpiochip*, Pi 4 and Pi 5) for digital pins, or
 * {@code linuxfs} (the older /sys/class/gpio interface); PWM is linuxfs' /sys/class/pwm in both cases.
 */
enum GpioProvider {
    MOCK, GPIOD, LINUXFS;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses mock, gpiod or linuxfs; {@code auto} is resolved by {@link BoardDetection}, not here. */
    static GpioProvider parse(String text) {
        for (GpioProvider provider : values()) {
            if (provider.id().equalsIgnoreCase(text.trim())) {
                return provider;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + text + "', expected auto, mock, gpiod or linuxfs");
    }

    /** Digital input, digital output and PWM providers, in that order. */
    Provider<?, ?, ?>[] create(int pwmChip) {
        return switch (this) {
            case MOCK -> new Provider<?, ?, ?>[] {MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
                MockPwmProvider.newInstance()};
            case GPIOD -> new Provider<?, ?, ?>[] {GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
                LinuxFsPwmProvider.newInstance(pwmChip)};
            case LINUXFS -> new Provider<?, ?, ?>[] {LinuxFsDigitalInputProvider.newInstance(), LinuxFsDigitalOutputProvider.newInstance(),
                LinuxFsPwmProvider.newInstance(pwmChip)};
        };
    }
}
