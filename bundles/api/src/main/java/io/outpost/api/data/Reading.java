package io.outpost.api.data;

import java.util.Objects;

/**
 * One sample of one channel of one device. Immutable.
 *
 * @param device    the device name (its configuration's {@code name})
 * @param channel   the channel name, unique within the device
 * @param value     the value, or {@code null} when quality is {@link Quality#BAD}
 * @param unit      the engineering unit, empty when there is none
 * @param quality   how far the value can be trusted
 * @param detail    why the quality is not GOOD (e.g. "Modbus exception 2: illegal data address"), else empty
 * @param timestamp milliseconds since the epoch when the value was sampled
 */
public record Reading(String device, String channel, Value value, String unit, Quality quality, String detail, long timestamp) {

    public Reading {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(quality, "quality");
        unit = unit == null ? "" : unit;
        detail = detail == null ? "" : detail;
        if (value == null && quality != Quality.BAD) {
            throw new IllegalArgumentException("only a BAD reading may have no value");
        }
    }

    public static Reading good(String device, String channel, Value value, String unit, long timestamp) {
        return new Reading(device, channel, Objects.requireNonNull(value, "value"), unit, Quality.GOOD, "", timestamp);
    }

    public static Reading bad(String device, String channel, String unit, String detail, long timestamp) {
        return new Reading(device, channel, null, unit, Quality.BAD, detail, timestamp);
    }

    public boolean isGood() {
        return quality == Quality.GOOD;
    }
}
