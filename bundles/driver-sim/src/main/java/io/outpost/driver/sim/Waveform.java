package io.outpost.driver.sim;

import java.util.Locale;

/** The shapes a simulated channel can follow. */
enum Waveform {
    /** min..max sine with the given period. */
    SINE,
    /** Bounded random walk between min and max, one step per read. */
    RANDOM_WALK,
    /** A meter: grows by {@code rate} per second from {@code min}, never decreases. */
    COUNTER,
    /** A boolean that is true for the first half of each period. */
    SWITCH,
    /** Steps through the comma-separated {@code values}, one per read, then repeats. */
    SEQUENCE;

    static Waveform parse(String name) {
        String normal = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Waveform w : values()) {
            if (w.name().equals(normal)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown waveform '" + name + "', expected sine, random-walk, counter, switch or sequence");
    }
}
