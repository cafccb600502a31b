package io.outpost.api.driver;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol driver, registered as a service with the {@link #ID} property. Installing a driver bundle
 * makes the devices that name it come alive; removing it parks them.
 */
@ConsumerType
public interface Driver {

    /** Service property naming the driver, e.g. {@code sim}, {@code modbus}; devices refer to it by this. */
    String ID = "outpost.driver";

    /**
     * Checks one channel's configuration without touching the device.
     *
     * @return a readable problem naming the channel and the field, or empty when the channel is usable
     */
    default Optional<String> problemWith(ChannelDescriptor channel) {
        return Optional.empty();
    }

    /**
     * Opens a connection to a device. May connect lazily; a device that is unreachable now should not
     * fail here but give BAD readings until it answers.
     *
     * @throws DriverException when the device configuration itself is unusable
     */
    DeviceConnection connect(DeviceConfiguration device) throws DriverException;
}
