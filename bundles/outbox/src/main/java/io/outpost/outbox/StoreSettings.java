package io.outpost.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the store is kept.
 *
 * @param directory    where the segment files live
 * @param maxBytes     bytes of waiting records the store may hold
 * @param maxMessages  waiting messages the store may hold
 * @param fsyncInterval how long appends are gathered before one write and one fsync
 * @param segmentBytes size at which the log starts a new segment file
 */
record StoreSettings(Path directory, long maxBytes, long maxMessages, Duration fsyncInterval, long segmentBytes) {

    StoreSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    }
}
