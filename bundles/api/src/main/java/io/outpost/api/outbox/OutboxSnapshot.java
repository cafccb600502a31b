package io.outpost.api.outbox;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.outpost.api.upstream.MessageClass;

/**
 * The outbox at one moment. Counts are since the outbox started (depth and bytes are what the store holds,
 * including messages kept from before a restart).
 *
 * @param depth          messages waiting (stored and not yet confirmed) by class, in-flight ones included
 * @param oldestAge      age of the oldest waiting message, {@link Duration#ZERO} when none waits
 * @param bytesStored    bytes of the waiting messages' records in the store
 * @param dropped        stored messages dropped to make room, by class (never {@link MessageClass#ALARM})
 * @param refused        new messages refused (store full, or too much waiting to be written), by class
 * @param delivered      messages confirmed by a link and removed from the store
 * @param inFlight       messages sent on some link and not yet confirmed
 * @param links          every link the outbox knows, in preference order
 * @param unwrittenBytes bytes of accepted messages not yet durable, held in memory until the disk takes them
 * @param degraded       what does not work as it should, by part ({@link #DISK}), each with why; empty when all works
 * @since 1.1.0 {@code unwrittenBytes} and {@code degraded}
 */
public record OutboxSnapshot(Map<MessageClass, Long> depth, Duration oldestAge, long bytesStored,
    Map<MessageClass, Long> dropped, Map<MessageClass, Long> refused, long delivered, int inFlight, List<LinkReport> links,
    long unwrittenBytes, Map<String, String> degraded) {

    /** The part named in {@link #degraded} when the store cannot write (full, read-only) or read its disk. */
    public static final String DISK = "disk";

    public OutboxSnapshot {
        depth = copy(depth);
        Objects.requireNonNull(oldestAge, "oldestAge");
        dropped = copy(dropped);
        refused = copy(refused);
        links = List.copyOf(links);
        degraded = Collections.unmodifiableMap(new LinkedHashMap<>(degraded == null ? Map.of() : degraded));
    }

    /** A snapshot of an outbox that works as it should (the 1.0 form). */
    public OutboxSnapshot(Map<MessageClass, Long> depth, Duration oldestAge, long bytesStored, Map<MessageClass, Long> dropped,
        Map<MessageClass, Long> refused, long delivered, int inFlight, List<LinkReport> links) {
        this(depth, oldestAge, bytesStored, dropped, refused, delivered, inFlight, links, 0, Map.of());
    }

    /** Waiting messages of all classes. */
    public long totalDepth() {
        return depth.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether some part does not work as it should. */
    public boolean isDegraded() {
        return !degraded.isEmpty();
    }

    private static Map<MessageClass, Long> copy(Map<MessageClass, Long> counts) {
        EnumMap<MessageClass, Long> all = new EnumMap<>(MessageClass.class);
        for (MessageClass c : MessageClass.values()) {
            all.put(c, counts == null ? 0L : counts.getOrDefault(c, 0L));
        }
        return Collections.unmodifiableMap(all);
    }
}
