package io.outpost.driver.modbus;

import java.util.Locale;

/**
 * Order of the 16-bit words of a 32- or 64-bit value. Bytes inside a word are always big-endian, as Modbus says.
 * {@code BIG}: most significant word first (the Modbus convention); {@code LITTLE}: least significant word first.
 */
enum WordOrder {
    BIG, LITTLE;

    static WordOrder parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("big")) {
            return BIG;
        }
        if (t.equals("little")) {
            return LITTLE;
        }
        throw new IllegalArgumentException("unknown wordOrder '" + text + "', expected big or little");
    }
}
