package io.outpost.outbox;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * The durable store: a segmented append-only log with group commit, and an in-memory index of what waits.
 * An appended message is written and forced with the others of its commit interval by one thread; only then
 * can it be taken for sending. It leaves the store when acknowledged (delivered) or dropped by the bounds;
 * a segment file goes when none of its records is left.
 */
final class OutboxStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxStore.class);
    private static final MessageClass[] CLASSES = MessageClass.values();
    /** At most this many bytes of committed records stay in memory until they are first sent. */
    private static final long HOT_BYTES = 2L * 1024 * 1024;
    /** A batch this big is committed at once rather than at the end of the interval. */
    static final long EARLY_COMMIT_BYTES = 256 * 1024;
    /** Sparse segments compacted after one commit at most. */
    private static final int COMPACTIONS_PER_COMMIT = 4;

    /** The result of an append: the id, or refused; and when it is on disk. */
    record Appended(long id, boolean accepted, CompletionStage<Void> durable) {
        static final Appended REFUSED = new Appended(-1, false, CompletableFuture.completedFuture(null));
    }

    /** The store's figures at one moment. */
    record Figures(Map<MessageClass, Long> depth, long oldestAppendedAt, long bytes, Map<MessageClass, Long> dropped,
        Map<MessageClass, Long> refused, long delivered, int inFlight, long recoveredTruncatedBytes, long discarded) {
    }

    private final StoreSettings settings;
    private final Clock clock;
    private final WaitingLine line;
    private final SegmentLog log;
    private final SegmentCompactor compactor;
    private final Map<Long, StoredEntry> inFlight = new HashMap<>();
    private final Thread committer;
    private List<StoredEntry> batch = new ArrayList<>();
    private long batchBytes;
    private CompletableFuture<Void> batchDurable = new CompletableFuture<>();
    private long nextId;
    private long delivered;
    private long corrupt;
    /** Bytes of committed records still held in memory for their first delivery. */
    private long hotBytes;
    private boolean closed;
    private volatile Runnable onCommit = () -> { };

    private OutboxStore(StoreSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.line = new WaitingLine(settings.maxBytes(), settings.maxMessages());
        this.log = SegmentLog.open(settings.directory(), settings.segmentBytes(), line::add);
        this.nextId = log.highestId() + 1;
        this.compactor = new SegmentCompactor(this, log, this::entriesOf);
        synchronized (this) {
            SegmentLog.delete(log.removeEmpty());
        }
        this.committer = new Thread(this::commitLoop, "outpost-outbox-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Opens (or creates) the store in its directory, recovering what a crash left. */
    static OutboxStore open(StoreSettings settings, Clock clock) throws IOException {
        return new OutboxStore(settings, clock);
    }

    /** The store's epoch: it travels with every message beside its id. */
    long epoch() {
        return log.epoch();
    }

    /** Runs after every commit (new messages may be sent). */
    void onCommit(Runnable listener) {
        this.onCommit = listener;
    }

    /** Stores a message; it is on disk when {@code durable} completes (at the next commit). */
    Appended append(UpstreamMessage message) {
        byte[] bytes = MessageCodec.encode(message);
        MessageClass c = message.messageClass();
        int size = OutboxSegment.HEADER + OutboxSegment.BODY_PREFIX + bytes.length;
        synchronized (this) {
            if (closed || !line.makeRoom(c, size, this::leave)) {
                return Appended.REFUSED;
            }
            long id = nextId++;
            StoredEntry entry = new StoredEntry(id, c, clock.millis(), size);
            entry.record = OutboxSegment.record(id, entry.appendedAt, c, bytes);
            line.add(entry);
            batch.add(entry);
            batchBytes += size;
            if (batchBytes >= EARLY_COMMIT_BYTES && batchBytes - size < EARLY_COMMIT_BYTES) {
                notifyAll();   // a big batch is worth a write now: the committer need not wait out the interval
            }
            return new Appended(id, true, batchDurable);
        }
    }

    /** Takes up to {@code max} durable messages for sending, by class then age; they stay stored until acknowledged. */
    List<OutboundMessage> take(int max) {
        List<StoredEntry> taken = new ArrayList<>(Math.min(max, 256));
        List<byte[]> bytes = new ArrayList<>(Math.min(max, 256));
        synchronized (this) {
            for (MessageClass c : CLASSES) {
                while (taken.size() < max) {
                    StoredEntry e = line.takeNext(c);
                    if (e == null) {
                        break;
                    }
                    e.inFlight = true;
                    inFlight.put(e.id, e);
                    taken.add(e);
                    bytes.add(recordOf(e));
                }
            }
        }
        List<OutboundMessage> out = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            StoredEntry e = taken.get(i);
            int skip = OutboxSegment.HEADER + OutboxSegment.BODY_PREFIX;
            try {
                byte[] record = bytes.get(i);
                if (record == null) {
                    throw new IllegalArgumentException("unreadable");
                }
                out.add(new OutboundMessage(e.id, log.epoch(), MessageCodec.decode(record, skip, record.length - skip)));
            } catch (IllegalArgumentException unreadable) {
                LOG.warn("outbox record {} cannot be read and is dropped: {}", e.id, unreadable.toString());
                discard(e.id);
            }
        }
        return out;
    }

    /** The whole record: from memory while it is still hot, else read back from its segment. Under the lock. */
    private byte[] recordOf(StoredEntry e) {
        byte[] record = e.record;
        if (record != null) {
            e.record = null;
            hotBytes -= e.size;
            return record;
        }
        try {
            return e.segment.readRecord(e.offset, e.size);
        } catch (IOException unreadable) {
            LOG.warn("outbox record {} cannot be read: {}", e.id, unreadable.toString());
            return null;
        }
    }

    /** The message was delivered: it leaves the store. */
    synchronized void acknowledge(long id) {
        StoredEntry e = inFlight.remove(id);
        if (e != null) {
            e.inFlight = false;
            delivered++;
            leave(e);
        }
    }

    /** No link can ever carry this message (its profile refuses it): it leaves the store, counted as discarded. */
    synchronized void discard(long id) {
        StoredEntry e = inFlight.remove(id);
        if (e != null) {
            e.inFlight = false;
            corrupt++;
            leave(e);
        }
    }

    /** The delivery failed: the message waits again in its place. */
    synchronized void release(long id) {
        StoredEntry e = inFlight.remove(id);
        if (e != null && !e.gone) {
            e.inFlight = false;
            line.putBack(e);
        }
    }

    /** Removes an entry that is out of its queue from the store; its ack is written at the next commit. */
    private void leave(StoredEntry e) {
        e.gone = true;
        line.forget(e);
        if (e.durable) {
            if (e.record != null) {
                hotBytes -= e.size;
                e.record = null;
            }
            e.segment.lose(e);
            e.segment.pendingAcks.add(e.id);
        }
    }

    synchronized Figures figures() {
        long oldest = Long.MAX_VALUE;
        for (MessageClass c : CLASSES) {
            StoredEntry head = line.oldestWaiting(c);
            if (head != null) {
                oldest = Math.min(oldest, head.appendedAt);
            }
        }
        for (StoredEntry e : inFlight.values()) {
            oldest = Math.min(oldest, e.appendedAt);
        }
        return new Figures(line.depth(), oldest, line.bytes(), line.dropped(), line.refused(), delivered, inFlight.size(),
            log.truncatedBytes(), corrupt);
    }

    /** Number of segment files, the active one included. */
    int segmentCount() {
        return log.count();
    }

    private void commitLoop() {
        long interval = Math.max(1, settings.fsyncInterval().toMillis());
        while (true) {
            synchronized (this) {
                if (!closed && batchBytes < EARLY_COMMIT_BYTES) {
                    try {
                        wait(interval);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
            }
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn("outbox commit failed: {}", e.toString());
            }
            synchronized (this) {
                if (closed && batch.isEmpty()) {
                    return;
                }
            }
        }
    }

    /** One group commit: writes the gathered records and acks, forces them, then lets the records be sent. */
    private void commit() {
        List<StoredEntry> writing;
        CompletableFuture<Void> done;
        Map<OutboxSegment, List<Long>> acks = new HashMap<>();
        synchronized (this) {
            writing = batch;
            done = batchDurable;
            batch = new ArrayList<>();
            batchBytes = 0;
            batchDurable = new CompletableFuture<>();
            for (OutboxSegment s : log.all()) {
                if (!s.pendingAcks.isEmpty()) {
                    acks.put(s, s.pendingAcks);
                    s.pendingAcks = new ArrayList<>();
                }
            }
            writing.removeIf(e -> e.gone);
        }
        if (writing.isEmpty() && acks.isEmpty()) {
            done.complete(null);
            return;
        }
        SegmentLog.Written written;
        try {
            written = log.write(writing, acks);
        } catch (IOException e) {
            LOG.warn("outbox store cannot write to {} ({}); keeping {} messages in memory and trying again", settings.directory(), e,
                writing.size());
            synchronized (this) {
                writing.addAll(batch);
                batch = writing;
                batchBytes = writing.stream().mapToLong(w -> w.size).sum();
                batchDurable.whenComplete((ok, failure) -> done.complete(null));
                acks.forEach((s, ids) -> s.pendingAcks.addAll(ids));
            }
            return;
        }
        OutboxSegment target = written.segment();
        List<OutboxSegment> empty;
        synchronized (this) {
            for (int i = 0; i < writing.size(); i++) {
                StoredEntry e = writing.get(i);
                e.segment = target;
                e.offset = written.offsets()[i];
                e.durable = true;
                target.gain(e);
                if (e.gone) {
                    e.record = null;
                    target.lose(e);
                    target.pendingAcks.add(e.id);
                } else if (hotBytes + e.size <= HOT_BYTES) {
                    hotBytes += e.size;   // kept in memory: the first delivery needs no read
                } else {
                    e.record = null;
                }
            }
            empty = log.removeEmpty();
        }
        SegmentLog.delete(empty);
        done.complete(null);
        onCommit.run();
        for (int i = 0; i < COMPACTIONS_PER_COMMIT && compactor.compactOne(); i++) {
            // each round copies one sparse segment's survivors forward and deletes it
        }
    }

    /** Every stored entry of this segment, waiting or in flight; caller holds the lock. */
    private List<StoredEntry> entriesOf(OutboxSegment segment) {
        List<StoredEntry> found = new ArrayList<>();
        line.forEach(e -> {
            if (e.segment == segment) {
                found.add(e);
            }
        });
        inFlight.values().stream().filter(e -> e.segment == segment).forEach(found::add);
        return found;
    }

    /** Commits what is gathered, stops the committer and closes the files. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed && !committer.isAlive()) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!committer.isAlive()) {
            commit();
        }
        log.close();
    }
}
