package io.outpost.driver.gpio;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.pwm.Pwm;

import io.outpost.api.data.Value;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelListener;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConnection;
import io.outpost.api.driver.DriverException;

/**
 * One device's pins on a shared Pi4J context. A pin is opened on first use (its Pi4J id is
 * {@code <device>.<channel>}) and released when the connection closes. Pin failures are BAD records. A listened
 * input reports its level once when listening starts, then each (debounced) change.
 */
final class GpioConnection implements DeviceConnection {

    private final String device;
    private final Context pi4j;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<String, IO<?, ?, ?>> pins = new ConcurrentHashMap<>();
    private final List<AutoCloseable> listeners = new CopyOnWriteArrayList<>();

    GpioConnection(String device, Context pi4j, Clock clock, ScheduledExecutorService timer) {
        this.device = device;
        this.pi4j = pi4j;
        this.clock = clock;
        this.timer = timer;
    }

    static String pinId(String device, String channel) {
        return device + "." + channel;
    }

    @Override
    public List<ChannelRecord> read(List<ChannelDescriptor> channels) {
        List<ChannelRecord> records = new ArrayList<>(channels.size());
        for (ChannelDescriptor descriptor : channels) {
            long now = clock.millis();
            try {
                GpioChannel channel = GpioChannel.of(descriptor);
                IO<?, ?, ?> io = pin(channel);
                Value value = switch (channel.mode()) {
                    case INPUT -> Value.of(((DigitalInput) io).state().isHigh());
                    case OUTPUT -> Value.of(((DigitalOutput) io).state().isHigh());
                    case PWM -> Value.of((double) (((Pwm) io).isOn() ? ((Pwm) io).getDutyCycle() : 0f));
                };
                records.add(ChannelRecord.ok(descriptor.name(), value, now));
            } catch (RuntimeException e) {
                records.add(ChannelRecord.failed(descriptor.name(), problem(descriptor, e), now));
            }
        }
        return records;
    }

    @Override
    public List<ChannelRecord> write(List<WriteRequest> requests) {
        List<ChannelRecord> results = new ArrayList<>(requests.size());
        for (WriteRequest request : requests) {
            ChannelDescriptor descriptor = request.channel();
            long now = clock.millis();
            try {
                GpioChannel channel = GpioChannel.of(descriptor);
                IO<?, ?, ?> io = pin(channel);
                switch (channel.mode()) {
                    case INPUT -> throw new IllegalArgumentException("channel '" + descriptor.name() + "' is an input pin");
                    case OUTPUT -> ((DigitalOutput) io).state(DigitalState.getState(request.value().asDouble() != 0));
                    case PWM -> {
                        double duty = request.value().asDouble();
                        if (!(duty >= 0 && duty <= 100)) {
                            throw new IllegalArgumentException("channel '" + descriptor.name() + "': duty cycle must be 0..100 %, got " + duty);
                        }
                        Pwm pwm = (Pwm) io;
                        if (duty == 0) {
                            pwm.off();
                        } else {
                            pwm.on(duty, channel.frequency());
                        }
                    }
                }
                results.add(ChannelRecord.ok(descriptor.name(), request.value(), now));
            } catch (RuntimeException e) {
                results.add(ChannelRecord.failed(descriptor.name(), problem(descriptor, e), now));
            }
        }
        return results;
    }

    @Override
    public AutoCloseable listen(ChannelDescriptor descriptor, ChannelListener listener) throws DriverException {
        GpioChannel channel;
        DigitalInput input;
        try {
            channel = GpioChannel.of(descriptor);
            if (channel.mode() != PinMode.INPUT) {
                throw new IllegalArgumentException("channel '" + descriptor.name() + "': only input pins push changes");
            }
            input = (DigitalInput) pin(channel);
        } catch (RuntimeException e) {
            throw new DriverException(problem(descriptor, e), e);
        }
        Debouncer debouncer = new Debouncer(channel.debounceMillis(), timer, input.state().isHigh(),
            level -> listener.onChange(ChannelRecord.ok(descriptor.name(), Value.of(level), clock.millis())));
        DigitalStateChangeListener edge = event -> debouncer.offer(event.state().isHigh());
        input.addListener(edge);
        AutoCloseable stop = () -> {
            input.removeListener(edge);
            debouncer.cancel();
        };
        listeners.add(stop);
        // the level when listening starts, so a pushed channel has a value before its first edge
        listener.onChange(ChannelRecord.ok(descriptor.name(), Value.of(input.state().isHigh()), clock.millis()));
        return stop;
    }

    private IO<?, ?, ?> pin(GpioChannel channel) {
        return pins.computeIfAbsent(channel.name(), name -> open(channel));
    }

    private IO<?, ?, ?> open(GpioChannel channel) {
        String id = pinId(device, channel.name());
        String label = device + " " + channel.name();
        return switch (channel.mode()) {
            case INPUT -> pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(id).name(label).address(channel.pin())
                .pull(pull(channel.pull())).debounce(0L)); // debounced by Debouncer, the same on every provider
            case OUTPUT -> pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).name(label).address(channel.pin())
                .initial(channel.initial().equals("high") ? DigitalState.HIGH : DigitalState.LOW).shutdown(DigitalState.LOW));
            case PWM -> pi4j.create(Pwm.newConfigBuilder(pi4j).id(id).name(label).address(channel.pin())
                .frequency(channel.frequency()).initial(Double.parseDouble(channel.initial())).shutdown(0));
        };
    }

    private static PullResistance pull(String pull) {
        return switch (pull) {
            case "up" -> PullResistance.PULL_UP;
            case "down" -> PullResistance.PULL_DOWN;
            default -> PullResistance.OFF;
        };
    }

    private static String problem(ChannelDescriptor channel, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains("'" + channel.name() + "'") ? message
            : "channel '" + channel.name() + "' (pin " + channel.param("pin", "?") + "): " + message;
    }

    @Override
    public void close() {
        for (AutoCloseable listener : listeners) {
            try {
                listener.close();
            } catch (Exception e) {
                // the pin is being released anyway
            }
        }
        listeners.clear();
        for (String channel : pins.keySet()) {
            try {
                pi4j.shutdown(pinId(device, channel));
            } catch (RuntimeException e) {
                // already released or never fully opened
            }
        }
        pins.clear();
    }
}
