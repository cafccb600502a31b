package io.outpost.driver.sim;

import java.util.Arrays;
import java.util.Random;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;

/**
 * The state of one simulated channel. Time-based waveforms are pure functions of the clock, so two reads at the
 * same instant agree; random walk and sequence advance per read. A written value overrides the waveform until
 * the next write.
 */
final class SimulatedChannel {

    private final Waveform waveform;
    private final ValueType type;
    private final double min;
    private final double max;
    private final double periodMillis;
    private final double rate;
    private final double[] sequence;
    private final Random random;
    private final long startMillis;
    private double walk;
    private int sequenceIndex;
    private Value written;

    private SimulatedChannel(Waveform waveform, ValueType type, double min, double max, double periodMillis, double rate,
            double[] sequence, long seed, long startMillis) {
        this.waveform = waveform;
        this.type = type;
        this.min = min;
        this.max = max;
        this.periodMillis = periodMillis;
        this.rate = rate;
        this.sequence = sequence;
        this.random = new Random(seed);
        this.startMillis = startMillis;
        this.walk = (min + max) / 2;
    }

    /** Builds a channel from its descriptor, or throws with a message naming the channel and the field. */
    static SimulatedChannel of(ChannelDescriptor channel, long startMillis) {
        String name = channel.name();
        Waveform waveform;
        try {
            waveform = Waveform.parse(channel.param("waveform", channel.valueType() == ValueType.BOOLEAN ? "switch" : "sine"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("channel '" + name + "': " + e.getMessage());
        }
        double min = number(channel, "min", "0");
        double max = number(channel, "max", "100");
        if (max < min) {
            throw new IllegalArgumentException("channel '" + name + "': max (" + max + ") is below min (" + min + ")");
        }
        double period = number(channel, "periodSeconds", "60");
        if (period <= 0) {
            throw new IllegalArgumentException("channel '" + name + "': periodSeconds must be positive");
        }
        double rate = number(channel, "rate", "1");
        double[] sequence = new double[0];
        if (waveform == Waveform.SEQUENCE) {
            String values = channel.param("values", "");
            try {
                sequence = Arrays.stream(values.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("channel '" + name + "': values must be comma-separated numbers, got '" + values + "'");
            }
            if (sequence.length == 0) {
                throw new IllegalArgumentException("channel '" + name + "': a sequence needs values, e.g. values=1,2,3");
            }
        }
        if (channel.valueType() == ValueType.BYTES) {
            throw new IllegalArgumentException("channel '" + name + "': the simulator cannot produce bytes");
        }
        long seed = (long) number(channel, "seed", Long.toString(name.hashCode()));
        return new SimulatedChannel(waveform, channel.valueType(), min, max, period * 1000, rate, sequence, seed, startMillis);
    }

    private static double number(ChannelDescriptor channel, String key, String defaultValue) {
        String text = channel.param(key, defaultValue);
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("channel '" + channel.name() + "': " + key + " must be a number, got '" + text + "'");
        }
    }

    synchronized Value read(long nowMillis) {
        if (written != null) {
            return written;
        }
        double elapsed = nowMillis - startMillis;
        double number = switch (waveform) {
            case SINE -> min + (max - min) * (0.5 + 0.5 * Math.sin(2 * Math.PI * elapsed / periodMillis));
            case RANDOM_WALK -> {
                walk = Math.max(min, Math.min(max, walk + (random.nextDouble() - 0.5) * (max - min) / 20));
                yield walk;
            }
            case COUNTER -> min + Math.floor(rate * elapsed / 1000);
            case SWITCH -> (elapsed % periodMillis) < periodMillis / 2 ? 1 : 0;
            case SEQUENCE -> sequence[sequenceIndex++ % sequence.length];
        };
        return Value.convert(number, type);
    }

    synchronized void write(Value value) {
        written = value;
    }
}
