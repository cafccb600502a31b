package io.outpost.sampler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection.WriteRequest;

/**
 * On-demand reads and writes by channel name, for operators and HQ: checks names, direction and type, and
 * says why a request cannot be served. Runs on the device's thread.
 */
final class ChannelAccess {

    private final DeviceConfiguration device;
    private final DeviceSession session;
    private final Clock clock;

    ChannelAccess(DeviceConfiguration device, DeviceSession session, Clock clock) {
        this.device = device;
        this.session = session;
        this.clock = clock;
    }

    List<Reading> read(List<String> names, Map<String, Reading> lastReadings) {
        long now = clock.millis();
        Map<String, ChannelDescriptor> known = DeviceSession.byName(device.channels());
        List<String> wanted = names.isEmpty()
            ? device.channels().stream().filter(c -> c.type().canRead()).map(ChannelDescriptor::name).toList()
            : names;
        Reading[] out = new Reading[wanted.size()];
        List<Integer> slots = new ArrayList<>();
        List<ChannelDescriptor> toRead = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i);
            ChannelDescriptor channel = known.get(name);
            String problem = channel == null ? "no channel '" + name + "' on device '" + device.name() + "'"
                : !channel.type().canRead() ? "channel '" + name + "' is write-only"
                : !channel.enabled() ? "channel '" + name + "' is disabled"
                : session == null ? "device '" + device.name() + "' is not connected (driver '" + device.driver() + "')"
                : !session.usableChannels().contains(channel) ? "channel '" + name + "' was refused by the driver"
                : null;
            if (problem == null) {
                toRead.add(channel);
                slots.add(i);
            } else {
                out[i] = Reading.bad(device.name(), name, channel == null ? "" : channel.unit(), problem, now);
            }
        }
        if (session != null) {
            List<Reading> read = session.read(toRead);
            for (int k = 0; k < read.size(); k++) {
                lastReadings.put(read.get(k).channel(), read.get(k));
                out[slots.get(k)] = read.get(k);
            }
        }
        return List.of(out);
    }

    List<ChannelRecord> write(Map<String, Value> values) {
        long now = clock.millis();
        Map<String, ChannelDescriptor> known = DeviceSession.byName(device.channels());
        ChannelRecord[] results = new ChannelRecord[values.size()];
        List<Integer> slots = new ArrayList<>();
        List<ChannelDescriptor> channels = new ArrayList<>();
        List<WriteRequest> requests = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Value> entry : values.entrySet()) {
            String name = entry.getKey();
            ChannelDescriptor channel = known.get(name);
            String problem = channel == null ? "no channel '" + name + "' on device '" + device.name() + "'"
                : !channel.type().canWrite() ? "channel '" + name + "' is read-only"
                : !channel.enabled() ? "channel '" + name + "' is disabled"
                : entry.getValue().type() != channel.valueType() ? "channel '" + name + "' takes " + channel.valueType() + ", not " + entry.getValue().type()
                : session == null ? "device '" + device.name() + "' is not connected (driver '" + device.driver() + "')"
                : !session.usableChannels().contains(channel) ? "channel '" + name + "' was refused by the driver"
                : null;
            if (problem == null) {
                try {
                    requests.add(new WriteRequest(channel, Scaling.toRaw(channel, entry.getValue())));
                    channels.add(channel);
                    slots.add(i);
                } catch (RuntimeException e) {
                    results[i] = ChannelRecord.failed(name, "cannot scale " + entry.getValue() + ": " + e.getMessage(), now);
                }
            } else {
                results[i] = ChannelRecord.failed(name, problem, now);
            }
            i++;
        }
        if (!requests.isEmpty()) {
            List<ChannelRecord> written = session.write(channels, requests);
            for (int k = 0; k < slots.size(); k++) {
                ChannelRecord record = k < written.size() ? written.get(k) : ChannelRecord.failed(channels.get(k).name(), "driver returned no result", now);
                String name = channels.get(k).name();
                results[slots.get(k)] = record.isOk() ? ChannelRecord.ok(name, values.get(name), record.timestamp()) : record;
            }
        }
        return List.of(results);
    }
}
