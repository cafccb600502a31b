package io.outpost.driver.modbus;

import java.util.Locale;

/** The four Modbus data areas, with the protocol's limit on how many items one read request may ask for. */
enum Area {
    COIL("coil", true, true, 2000),
    DISCRETE_INPUT("discrete-input", true, false, 2000),
    HOLDING_REGISTER("holding-register", false, true, 125),
    INPUT_REGISTER("input-register", false, false, 125);

    private final String key;
    private final boolean bits;
    private final boolean writable;
    private final int maxReadCount;

    Area(String key, boolean bits, boolean writable, int maxReadCount) {
        this.key = key;
        this.bits = bits;
        this.writable = writable;
        this.maxReadCount = maxReadCount;
    }

    /** The name used in configurations, e.g. {@code holding-register}. */
    String key() {
        return key;
    }

    /** True for coils and discrete inputs (one bit per address), false for 16-bit registers. */
    boolean isBits() {
        return bits;
    }

    /** Coils and holding registers can be written; discrete inputs and input registers cannot. */
    boolean isWritable() {
        return writable;
    }

    /** Most items one read request may cover: 2000 bits or 125 registers. */
    int maxReadCount() {
        return maxReadCount;
    }

    static Area parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Area area : values()) {
            if (area.key.equals(t)) {
                return area;
            }
        }
        throw new IllegalArgumentException("unknown area '" + text + "', expected coil, discrete-input, holding-register or input-register");
    }
}
