package io.outpost.api.data;

/** How far a value can be trusted. A driver failure is a reading with {@link #BAD} quality, not an exception. */
public enum Quality {
    GOOD,
    /** The value is there but may be stale or out of the device's range. */
    UNCERTAIN,
    /** There is no usable value; the reading's detail says why. */
    BAD
}
