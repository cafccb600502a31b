package io.outpost.api.device;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;

/**
 * One configured device, registered as a service. Its configuration's {@link #NAME} and {@link #DRIVER} keys
 * are service properties, so {@code (name=boiler)} finds a device.
 */
@ProviderType
public interface Device {

    String NAME = "name";
    String DRIVER = "driver";

    String name();

    String driver();

    DeviceState state();

    List<ChannelDescriptor> channels();

    /** The last reading of each channel that has been read, in channel order. */
    List<Reading> lastReadings();

    /**
     * Reads the named channels now (all readable channels when the list is empty), outside the poll schedule.
     * Unknown channels and a waiting device give BAD readings that say why.
     */
    List<Reading> readNow(List<String> channels);

    /**
     * Writes engineering values (scale and offset are reversed before the driver sees them). One record per
     * entry, in order: GOOD when the device took it, BAD with the reason otherwise.
     */
    List<ChannelRecord> write(Map<String, Value> values);
}
