package io.outpost.api.driver;

import java.util.Objects;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;

/**
 * The outcome of reading or writing one channel (or, for a write, the request). Raw values: scale and
 * offset are applied by the caller, not by drivers.
 *
 * @param channel   the channel name
 * @param value     the value read or to write; null for a failed read
 * @param quality   GOOD on success; BAD with a detail on failure
 * @param detail    why it failed, empty on success
 * @param timestamp when the device was read or written (epoch millis)
 */
public record ChannelRecord(String channel, Value value, Quality quality, String detail, long timestamp) {

    public ChannelRecord {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(quality, "quality");
        detail = detail == null ? "" : detail;
    }

    public static ChannelRecord ok(String channel, Value value, long timestamp) {
        return new ChannelRecord(channel, Objects.requireNonNull(value, "value"), Quality.GOOD, "", timestamp);
    }

    public static ChannelRecord failed(String channel, String detail, long timestamp) {
        return new ChannelRecord(channel, null, Quality.BAD, detail, timestamp);
    }

    public boolean isOk() {
        return quality == Quality.GOOD;
    }
}
