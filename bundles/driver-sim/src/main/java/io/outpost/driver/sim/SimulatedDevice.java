package io.outpost.driver.sim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConnection;

/** A connection to one simulated device: its channels keep their state while the connection lives. */
final class SimulatedDevice implements DeviceConnection {

    private final Clock clock;
    private final long startMillis;
    private final Map<String, SimulatedChannel> channels = new ConcurrentHashMap<>();

    SimulatedDevice(Clock clock) {
        this.clock = clock;
        this.startMillis = clock.millis();
    }

    @Override
    public List<ChannelRecord> read(List<ChannelDescriptor> descriptors) {
        long now = clock.millis();
        List<ChannelRecord> records = new ArrayList<>(descriptors.size());
        for (ChannelDescriptor descriptor : descriptors) {
            try {
                records.add(ChannelRecord.ok(descriptor.name(), channel(descriptor).read(now), now));
            } catch (IllegalArgumentException e) {
                records.add(ChannelRecord.failed(descriptor.name(), e.getMessage(), now));
            }
        }
        return records;
    }

    @Override
    public List<ChannelRecord> write(List<WriteRequest> requests) {
        long now = clock.millis();
        List<ChannelRecord> results = new ArrayList<>(requests.size());
        for (WriteRequest request : requests) {
            ChannelDescriptor descriptor = request.channel();
            if (!descriptor.type().canWrite()) {
                results.add(ChannelRecord.failed(descriptor.name(), "channel '" + descriptor.name() + "' is read-only", now));
            } else if (request.value().type() != descriptor.valueType()) {
                results.add(ChannelRecord.failed(descriptor.name(), "channel '" + descriptor.name() + "' takes "
                    + descriptor.valueType() + ", not " + request.value().type(), now));
            } else {
                try {
                    channel(descriptor).write(request.value());
                    results.add(ChannelRecord.ok(descriptor.name(), request.value(), now));
                } catch (IllegalArgumentException e) {
                    results.add(ChannelRecord.failed(descriptor.name(), e.getMessage(), now));
                }
            }
        }
        return results;
    }

    private SimulatedChannel channel(ChannelDescriptor descriptor) {
        return channels.computeIfAbsent(descriptor.name(), n -> SimulatedChannel.of(descriptor, startMillis));
    }

    @Override
    public void close() {
        channels.clear();
    }
}
