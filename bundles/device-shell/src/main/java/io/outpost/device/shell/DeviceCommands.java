package io.outpost.device.shell;

import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.device.Device;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;

/**
 * Gogo commands in scope {@code outpost}: {@code devices}, {@code channels <device>},
 * {@code read <device> [channel...]}, {@code write <device> <channel> <value>}. Each returns the text to print;
 * an operator's mistake (unknown device or channel, a value of the wrong type) is a message, never a stack trace.
 */
@Component(service = DeviceCommands.class, property = {"osgi.command.scope=outpost",
    "osgi.command.function=devices", "osgi.command.function=channels", "osgi.command.function=read",
    "osgi.command.function=write"})
public final class DeviceCommands {

    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Device> devices = List.of();

    public DeviceCommands() {
        this(Clock.systemUTC());
    }

    DeviceCommands(Clock clock) {
        this.clock = clock;
    }

    /** Every configured device: name, driver, state, channel count. */
    public String devices() {
        List<Device> sorted = devices.stream().sorted(Comparator.comparing(Device::name)).toList();
        if (sorted.isEmpty()) {
            return "no devices configured (add an io.outpost.device-<name>.cfg to etc/)\n";
        }
        TextTable table = new TextTable("DEVICE", "DRIVER", "STATE", "CHANNELS", "DETAIL");
        for (Device device : sorted) {
            var state = device.state();
            table.row(device.name(), device.driver(), state.status(), device.channels().size(), state.detail());
        }
        return table.toString();
    }

    /** A device's channels with their last reading. */
    public String channels(String deviceName) {
        Optional<Device> found = find(deviceName);
        if (found.isEmpty()) {
            return noDevice(deviceName);
        }
        Device device = found.get();
        Map<String, Reading> last = device.lastReadings().stream()
            .collect(Collectors.toMap(Reading::channel, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        long now = clock.millis();
        TextTable table = new TextTable("CHANNEL", "TYPE", "VALUE TYPE", "UNIT", "VALUE", "QUALITY", "AGE", "DETAIL");
        for (ChannelDescriptor channel : device.channels()) {
            Reading reading = last.get(channel.name());
            table.row(channel.name() + (channel.enabled() ? "" : " (disabled)"), channel.type().name().toLowerCase(java.util.Locale.ROOT),
                channel.valueType().name().toLowerCase(java.util.Locale.ROOT), channel.unit(), ReadingText.value(reading),
                reading == null ? "-" : reading.quality(), ReadingText.age(reading, now), reading == null ? "" : reading.detail());
        }
        return table.toString();
    }

    /** Reads channels now (all readable ones when none is named). */
    public String read(String deviceName, String... channelNames) {
        Optional<Device> found = find(deviceName);
        if (found.isEmpty()) {
            return noDevice(deviceName);
        }
        List<Reading> readings;
        try {
            readings = found.get().readNow(Arrays.asList(channelNames));
        } catch (RuntimeException e) {
            return "cannot read device '" + deviceName + "': " + e.getMessage() + "\n";
        }
        TextTable table = new TextTable("CHANNEL", "VALUE", "UNIT", "QUALITY", "DETAIL");
        readings.forEach(r -> table.row(r.channel(), ReadingText.value(r), r.unit(), r.quality(), r.detail()));
        return table.toString();
    }

    /** Writes one value, parsed by the channel's value type, and prints the device's answer. */
    public String write(String deviceName, String channelName, String text) {
        Optional<Device> found = find(deviceName);
        if (found.isEmpty()) {
            return noDevice(deviceName);
        }
        Device device = found.get();
        Optional<ChannelDescriptor> channel = device.channels().stream().filter(c -> c.name().equals(channelName)).findFirst();
        if (channel.isEmpty()) {
            return "no channel '" + channelName + "' on device '" + deviceName + "' (channels: "
                + device.channels().stream().map(ChannelDescriptor::name).collect(Collectors.joining(", ")) + ")\n";
        }
        Value value;
        try {
            value = ValueInput.parse(channel.get(), text);
        } catch (IllegalArgumentException e) {
            return "not written: " + e.getMessage() + "\n";
        }
        List<ChannelRecord> results;
        try {
            results = device.write(Map.of(channelName, value));
        } catch (RuntimeException e) {
            return "not written: device '" + deviceName + "': " + e.getMessage() + "\n";
        }
        StringBuilder out = new StringBuilder();
        for (ChannelRecord result : results) {
            out.append(result.channel()).append(" = ").append(value).append(": ")
                .append(result.isOk() ? "written" : "refused (" + result.detail() + ")").append('\n');
        }
        return out.toString();
    }

    private Optional<Device> find(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private String noDevice(String name) {
        return "no device '" + name + "' (devices: "
            + devices.stream().map(Device::name).sorted().collect(Collectors.joining(", ")) + ")\n";
    }
}
