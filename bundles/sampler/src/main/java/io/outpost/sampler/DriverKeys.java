package io.outpost.sampler;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configuration keys a driver reads, as it declares them in two service properties of its {@code Driver}
 * registration: {@value #DEVICE_KEYS} (device-level settings such as Modbus {@code endpoint}) and
 * {@value #CHANNEL_KEYS} (channel parameters such as Modbus {@code address}), each a comma-separated list or a
 * string array. A driver that declares neither is not checked: its keys cannot be told from typing mistakes.
 *
 * @param device  the device-level keys, empty when the driver does not declare them
 * @param channel the channel parameter keys, empty when the driver does not declare them
 */
record DriverKeys(Optional<Set<String>> device, Optional<Set<String>> channel) {

    static final String DEVICE_KEYS = "outpost.driver.deviceKeys";
    static final String CHANNEL_KEYS = "outpost.driver.channelKeys";

    static final DriverKeys UNDECLARED = new DriverKeys(Optional.empty(), Optional.empty());

    static DriverKeys of(Map<String, ?> serviceProperties) {
        return new DriverKeys(keys(serviceProperties.get(DEVICE_KEYS)), keys(serviceProperties.get(CHANNEL_KEYS)));
    }

    private static Optional<Set<String>> keys(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String joined = value instanceof Object[] array ? String.join(",", Arrays.stream(array).map(String::valueOf).toList()) : String.valueOf(value);
        return Optional.of(Arrays.stream(joined.split(",")).map(String::trim).filter(k -> !k.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }
}
