package io.outpost.driver.host;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConnection;

/** The gateway itself as a device: every read measures now; writes are refused. */
final class HostConnection implements DeviceConnection {

    private final HostProbe probe;
    private final Clock clock;

    HostConnection(HostProbe probe, Clock clock) {
        this.probe = probe;
        this.clock = clock;
    }

    @Override
    public List<ChannelRecord> read(List<ChannelDescriptor> channels) {
        List<ChannelRecord> records = new ArrayList<>(channels.size());
        for (ChannelDescriptor descriptor : channels) {
            long now = clock.millis();
            try {
                records.add(ChannelRecord.ok(descriptor.name(), probe.measure(HostChannel.of(descriptor)), now));
            } catch (HostProbe.MissingSource | IllegalArgumentException e) {
                records.add(ChannelRecord.failed(descriptor.name(), e.getMessage(), now));
            } catch (RuntimeException e) {
                records.add(ChannelRecord.failed(descriptor.name(), "cannot measure: " + e, now));
            }
        }
        return records;
    }

    @Override
    public List<ChannelRecord> write(List<WriteRequest> requests) {
        long now = clock.millis();
        return requests.stream()
            .map(r -> ChannelRecord.failed(r.channel().name(), "channel '" + r.channel().name() + "': host metrics are read-only", now))
            .toList();
    }

    @Override
    public void close() {
        // nothing held open
    }
}
