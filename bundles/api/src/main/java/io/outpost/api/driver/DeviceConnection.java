package io.outpost.api.driver;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** A driver's session with one device. Used by one sampler thread at a time. */
@ConsumerType
public interface DeviceConnection extends AutoCloseable {

    /**
     * Reads channels. Never throws for a device or channel failure: each failed channel gets a
     * {@link ChannelRecord#failed} record. The result has one record per requested channel, in order.
     */
    List<ChannelRecord> read(List<ChannelDescriptor> channels);

    /**
     * Writes raw values, one result per request, in order: GOOD when the device took it, BAD with a
     * detail otherwise.
     */
    List<ChannelRecord> write(List<WriteRequest> requests);

    /**
     * Asks the driver to push changes of a channel. Drivers that cannot push throw.
     *
     * @return closing it stops the pushing
     */
    default AutoCloseable listen(ChannelDescriptor channel, ChannelListener listener) throws DriverException {
        throw new DriverException("channel '" + channel.name() + "': this driver cannot push changes, poll it instead");
    }

    /** Disconnects; must not throw. */
    @Override
    void close();

    /** One channel to write and its raw value. */
    record WriteRequest(ChannelDescriptor channel, io.outpost.api.data.Value value) {
        public WriteRequest {
            java.util.Objects.requireNonNull(channel, "channel");
            java.util.Objects.requireNonNull(value, "value");
        }
    }
}
