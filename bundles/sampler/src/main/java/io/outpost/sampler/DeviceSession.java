package io.outpost.sampler;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Reading;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConfiguration;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.DeviceConnection.WriteRequest;
import io.outpost.api.driver.Driver;
import io.outpost.api.driver.DriverException;

/**
 * A device connected through one driver: the channels it can use, its poll, its pushed channels. Confined to
 * the device's thread except for pushed changes, which arrive on the driver's threads.
 */
final class DeviceSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);

    private final DeviceConfiguration device;
    private final Clock clock;
    private final Driver driver;
    private final DeviceConnection connection;
    private List<ChannelDescriptor> polled;
    private final List<ChannelDescriptor> usable;
    private final List<Reading> refused;
    private final List<AutoCloseable> pushes = new ArrayList<>();

    private DeviceSession(DeviceConfiguration device, Clock clock, Driver driver, DeviceConnection connection,
            List<ChannelDescriptor> usable, List<Reading> refused) {
        this.device = device;
        this.clock = clock;
        this.driver = driver;
        this.connection = connection;
        this.usable = usable;
        this.refused = refused;
        this.polled = usable.stream().filter(c -> c.type().canRead() && !isPushed(c)).toList();
    }

    /** Checks every channel with the driver, then connects. Channels the driver refuses are left out. */
    static DeviceSession open(DeviceConfiguration device, Driver driver, Clock clock) throws DriverException {
        long now = clock.millis();
        List<ChannelDescriptor> usable = new ArrayList<>();
        List<Reading> refused = new ArrayList<>();
        for (ChannelDescriptor channel : device.channels()) {
            if (!channel.enabled()) {
                continue;
            }
            String problem = driver.problemWith(channel).orElse(null);
            if (problem == null) {
                usable.add(channel);
            } else {
                LOG.warn("device '{}': channel '{}' refused: {}", device.name(), channel.name(), problem);
                refused.add(Reading.bad(device.name(), channel.name(), channel.unit(), "refused by driver: " + problem, now));
            }
        }
        DeviceConnection connection = driver.connect(device);
        return new DeviceSession(device, clock, driver, connection, List.copyOf(usable), List.copyOf(refused));
    }

    Driver driver() {
        return driver;
    }

    /** BAD readings for the channels the driver refused, to report once. */
    List<Reading> refusedReadings() {
        return refused;
    }

    /** Starts pushing for channels configured with {@code listen=true}; a driver that cannot push is polled instead. */
    void startPushes(Consumer<List<Reading>> sink) {
        List<ChannelDescriptor> fallback = new ArrayList<>();
        for (ChannelDescriptor channel : usable) {
            if (isPushed(channel)) {
                try {
                    pushes.add(connection.listen(channel, record -> sink.accept(List.of(toReading(channel, record)))));
                } catch (DriverException | RuntimeException e) {
                    LOG.warn("device '{}': {}; channel '{}' is polled instead", device.name(), e.getMessage(), channel.name());
                    fallback.add(channel);
                }
            }
        }
        if (!fallback.isEmpty()) {
            List<ChannelDescriptor> all = new ArrayList<>(polled);
            all.addAll(fallback);
            polled = List.copyOf(all);
        }
    }

    List<Reading> poll() {
        return read(polled);
    }

    /** Reads the given channels, never throwing: a failing driver gives BAD readings that say why. */
    List<Reading> read(List<ChannelDescriptor> channels) {
        if (channels.isEmpty()) {
            return List.of();
        }
        List<Reading> readings = new ArrayList<>(channels.size());
        try {
            List<ChannelRecord> records = connection.read(channels);
            for (int i = 0; i < channels.size(); i++) {
                ChannelDescriptor channel = channels.get(i);
                ChannelRecord record = i < records.size() ? records.get(i) : null;
                readings.add(record == null
                    ? Reading.bad(device.name(), channel.name(), channel.unit(), "driver returned no record", clock.millis())
                    : toReading(channel, record));
            }
        } catch (RuntimeException e) {
            long now = clock.millis();
            String detail = "driver failed: " + e;
            for (ChannelDescriptor channel : channels) {
                readings.add(Reading.bad(device.name(), channel.name(), channel.unit(), detail, now));
            }
        }
        return readings;
    }

    List<ChannelRecord> write(List<ChannelDescriptor> channels, List<WriteRequest> rawRequests) {
        try {
            return connection.write(rawRequests);
        } catch (RuntimeException e) {
            long now = clock.millis();
            return channels.stream().map(c -> ChannelRecord.failed(c.name(), "driver failed: " + e, now)).toList();
        }
    }

    List<ChannelDescriptor> usableChannels() {
        return usable;
    }

    private Reading toReading(ChannelDescriptor channel, ChannelRecord record) {
        if (!record.isOk() || record.value() == null) {
            String detail = record.detail().isEmpty() ? "no value" : record.detail();
            return Reading.bad(device.name(), channel.name(), channel.unit(), detail, record.timestamp());
        }
        try {
            return new Reading(device.name(), channel.name(), Scaling.toEngineering(channel, record.value()), channel.unit(),
                record.quality(), record.detail(), record.timestamp());
        } catch (RuntimeException e) {
            return Reading.bad(device.name(), channel.name(), channel.unit(), "cannot convert " + record.value() + ": " + e.getMessage(),
                record.timestamp());
        }
    }

    private static boolean isPushed(ChannelDescriptor channel) {
        return "true".equalsIgnoreCase(channel.param("listen", "false"));
    }

    static Map<String, ChannelDescriptor> byName(List<ChannelDescriptor> channels) {
        Map<String, ChannelDescriptor> map = new java.util.LinkedHashMap<>();
        channels.forEach(c -> map.put(c.name(), c));
        return map;
    }

    @Override
    public void close() {
        for (AutoCloseable push : pushes) {
            try {
                push.close();
            } catch (Exception e) {
                LOG.debug("device '{}': closing a push failed", device.name(), e);
            }
        }
        pushes.clear();
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.warn("device '{}': driver failed to close the connection: {}", device.name(), e.toString());
        }
    }
}
