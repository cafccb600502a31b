package io.outpost.sampler;

import java.util.ArrayList;
import java.util.List;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.DeviceConfiguration;

/**
 * Finds the keys of a device configuration that nobody reads, so that a typing mistake ({@code hysteresys=2},
 * {@code channel.temp.untis=degC}) is named instead of silently doing nothing. The sampler's own keys and the
 * framework's ({@code service.*}, {@code component.*}, {@code felix.fileinstall.*}) never get this far; what is
 * left must be a key the driver declares ({@link DriverKeys}).
 */
final class UnknownKeys {

    /** One key nobody reads: {@code key} as written in the configuration, e.g. {@code channel.temp.untis}. */
    record UnknownKey(String device, String driver, String key, boolean ofChannel) {
        String warning() {
            return "device '" + device + "': unknown key '" + key + "' ignored (neither " + (ofChannel ? "a channel attribute" : "a device key")
                + " nor one driver '" + driver + "' reads)";
        }
    }

    private UnknownKeys() {
    }

    static List<UnknownKey> in(DeviceConfiguration device, DriverKeys driverKeys) {
        List<UnknownKey> unknown = new ArrayList<>();
        driverKeys.device().ifPresent(known -> device.properties().keySet().stream().sorted().filter(key -> !known.contains(key))
            .forEach(key -> unknown.add(new UnknownKey(device.name(), device.driver(), key, false))));
        driverKeys.channel().ifPresent(known -> {
            for (ChannelDescriptor channel : device.channels()) {
                channel.params().keySet().stream().sorted()
                    .filter(key -> !known.contains(key) && !DeviceSettings.SAMPLER_CHANNEL_PARAMS.contains(key))
                    .forEach(key -> unknown.add(new UnknownKey(device.name(), device.driver(),
                        DeviceSettings.CHANNEL_PREFIX + channel.name() + "." + key, true)));
            }
        });
        return unknown;
    }

    /** A short addition to the device's state detail, empty when every key is known. */
    static String summary(List<UnknownKey> unknown) {
        return unknown.isEmpty() ? "" : "unknown key(s) ignored: " + String.join(", ", unknown.stream().map(UnknownKey::key).toList());
    }
}
