package io.outpost.outbox;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.Acknowledgement;
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

    /** How long {@link #close} waits for the committer's last attempt. */
    static final long CLOSE_MILLIS = 5_000;
    /** Reads in a row that return bytes failing their CRC before a record is set aside (kept on disk, not sent). */
    static final int BAD_READS_BEFORE_SET_ASIDE = 3;
    /** Waiting entries of one class a selective take passes over at most (they are meant for other links). */
    static final int SCAN_LIMIT = 4096;

    /**
     * The result of an append: the id (or -1 when refused), and the acknowledgement, which completes (never
     * exceptionally) at the commit that makes the message durable, or at once when it was refused.
     */
    record Appended(long id, boolean accepted, CompletionStage<Acknowledgement> durable) {
        static Appended refused(String reason) {
            return new Appended(-1, false, CompletableFuture.completedFuture(Acknowledgement.refused(reason)));
        }
    }

    /** What {@link #take} found: the messages read, and whether a read failed (the rest stays stored, back off). */
    record Taken(List<OutboundMessage> messages, boolean readFailed) {
    }

    /** The store's figures at one moment; {@code diskProblem} is null when the disk works. */
    record Figures(Map<MessageClass, Long> depth, long oldestAppendedAt, long bytes, Map<MessageClass, Long> dropped,
        Map<MessageClass, Long> refused, long delivered, int inFlight, long recoveredTruncatedBytes, long discarded,
        long unwrittenBytes, String diskProblem, long failedReads, int setAside) {
    }

    private final StoreSettings settings;
    private final Clock clock;
    private final WaitingLine line;
    private final SegmentLog log;
    private final SegmentCompactor compactor;
    private final DiskHealth disk;
    private final UnwrittenLimit unwrittenLimit;
    private final Map<Long, StoredEntry> inFlight = new HashMap<>();
    /** Records the bad CRC of which kept coming back: not sent again, not acknowledged either (they stay on disk). */
    private final Map<Long, StoredEntry> setAside = new HashMap<>();
    private final Thread committer;
    /** Appended since the last commit began. */
    private List<StoredEntry> batch = new ArrayList<>();
    private long batchBytes;
    private CompletableFuture<Boolean> batchStored = new CompletableFuture<>();
    /** Batches taken by the committer and not yet written (failed or still in progress). Committer thread only. */
    private final UnwrittenBatches unwritten = new UnwrittenBatches();
    /** Bytes of accepted records not yet durable (the batch, what is being written, what failed), held in memory. */
    private long pendingBytes;
    private long nextId;
    private long delivered;
    private long corrupt;
    /** Bytes of committed records still held in memory for their first delivery. */
    private long hotBytes;
    private boolean closed;
    private volatile Runnable onCommit = () -> { };

    private OutboxStore(StoreSettings settings, Clock clock, UnwrittenLimit unwrittenLimit) throws IOException {
        this.settings = settings;
        this.clock = clock;
        this.unwrittenLimit = unwrittenLimit;
        this.disk = new DiskHealth(settings.directory(), clock);
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
        return new OutboxStore(settings, clock, UnwrittenLimit.DEFAULT);
    }

    /** Opens the store with other limits for what may wait in memory for the disk (tests). */
    static OutboxStore open(StoreSettings settings, Clock clock, UnwrittenLimit unwrittenLimit) throws IOException {
        return new OutboxStore(settings, clock, unwrittenLimit);
    }

    /** The store's epoch: it travels with every message beside its id. */
    long epoch() {
        return log.epoch();
    }

    /** Runs after every commit (new messages may be sent). */
    void onCommit(Runnable listener) {
        this.onCommit = listener;
    }

    /**
     * Stores a message. Never waits for the disk: the message joins the batch of the next group commit, and the
     * returned acknowledgement completes when that commit is forced (DURABLE), when the message is dropped as
     * the oldest telemetry before that (DROPPED), or at once when it is refused (REFUSED, with the reason).
     */
    Appended append(UpstreamMessage message) {
        byte[] bytes = MessageCodec.encode(message);
        MessageClass c = message.messageClass();
        int size = OutboxSegment.HEADER + OutboxSegment.BODY_PREFIX + bytes.length;
        StoredEntry entry;
        CompletableFuture<Boolean> stored;
        synchronized (this) {
            String refusal = refusal(c, size);
            if (refusal != null) {
                return Appended.refused(refusal);
            }
            long id = nextId++;
            entry = new StoredEntry(id, c, clock.millis(), size);
            entry.record = OutboxSegment.record(id, entry.appendedAt, c, bytes);
            line.add(entry);
            batch.add(entry);
            batchBytes += size;
            pendingBytes += size;
            stored = batchStored;
            if (batchBytes >= EARLY_COMMIT_BYTES && batchBytes - size < EARLY_COMMIT_BYTES) {
                notifyAll();   // a big batch is worth a write now: the committer need not wait out the interval
            }
        }
        StoredEntry e = entry;
        return new Appended(e.id, true, stored.thenApply(written -> e.droppedEarly ? DROPPED
            : written ? Acknowledgement.durable() : Acknowledgement.refused("outbox closed before its disk took the message")));
    }

    private static final Acknowledgement DROPPED = Acknowledgement.dropped("dropped as the oldest telemetry before it was written");

    /** Why a new message cannot be taken, or null when it can (room made). Under the lock. */
    private String refusal(MessageClass c, int size) {
        String reason;
        if (closed) {
            reason = "outbox closed";
        } else if (size > settings.maxBytes()) {
            reason = "message of " + size + " bytes is larger than maxBytes " + settings.maxBytes();
        } else if (pendingBytes + size > unwrittenLimit.of(c)) {
            String problem = disk.problem();
            reason = (problem == null ? "disk too slow" : "disk " + problem) + ": " + pendingBytes + " bytes wait to be written, "
                + c + " is refused above " + unwrittenLimit.of(c);
        } else if (!line.makeRoom(c, size, this::leave)) {
            return "outbox full: only alarms and messages in flight are left (maxBytes " + settings.maxBytes() + ", maxMessages "
                + settings.maxMessages() + ")";   // counted by the line
        } else {
            return null;
        }
        line.countRefused(c);
        return reason;
    }

    /**
     * Takes up to {@code max} durable messages for sending, by class then age; they stay stored until
     * acknowledged. Records no longer in memory are read back outside the lock; when a read fails, that record
     * and the ones after it go back in their places (nothing is dropped for a read error) and
     * {@link Taken#readFailed} tells the caller to back off. A record is dropped (discarded, counted, logged)
     * only when its bytes pass their CRC and still cannot be decoded.
     */
    Taken take(int max) {
        return take(max, LinkSelection.ANY);
    }

    /** Like {@link #take(int)}, but only the messages {@code selection} routes to its link. */
    Taken take(int max, LinkSelection selection) {
        List<StoredEntry> taken = new ArrayList<>(Math.min(max, 256));
        List<byte[]> hot = new ArrayList<>(Math.min(max, 256));
        List<OutboxSegment> segments = new ArrayList<>(Math.min(max, 256));
        List<Long> offsets = new ArrayList<>(Math.min(max, 256));
        synchronized (this) {
            for (MessageClass c : CLASSES) {
                if (taken.size() >= max || !selection.wants(c)) {
                    continue;
                }
                int from = taken.size();
                line.take(c, selection::takes, max - taken.size(), SCAN_LIMIT, taken);
                for (int k = from; k < taken.size(); k++) {
                    StoredEntry e = taken.get(k);
                    e.inFlight = true;
                    inFlight.put(e.id, e);
                    hot.add(e.record);
                    if (e.record != null && e.durable) {   // a reply taken before its commit keeps its bytes for the commit
                        e.record = null;
                        hotBytes -= e.size;
                    }
                    segments.add(e.segment);
                    offsets.add(e.offset);
                }
            }
        }
        List<OutboundMessage> out = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            StoredEntry e = taken.get(i);
            byte[] record = hot.get(i);
            if (record == null) {
                String failure;
                try {
                    record = segments.get(i).readRecord(offsets.get(i), e.size);
                    failure = OutboxSegment.intact(record) ? null : "bytes failing their CRC";
                } catch (IOException unreadable) {
                    failure = unreadable.toString();
                }
                if (failure != null) {
                    disk.readFailed("record " + e.id, failure);
                    putBack(taken.subList(i, taken.size()), failure.startsWith("bytes"));
                    return new Taken(out, true);
                }
                disk.readSucceeded();
            }
            int skip = OutboxSegment.HEADER + OutboxSegment.BODY_PREFIX;
            try {
                out.add(new OutboundMessage(e.id, log.epoch(), MessageCodec.decode(record, skip, record.length - skip)));
            } catch (IllegalArgumentException undecodable) {
                LOG.warn("outbox record {} passes its CRC but cannot be decoded and is dropped: {}", e.id, undecodable.toString());
                discard(e.id);
            }
        }
        return new Taken(out, false);
    }

    /** Puts taken entries back in their places; the first one read bad bytes (a CRC failure) when {@code badBytes}. */
    private synchronized void putBack(List<StoredEntry> entries, boolean badBytes) {
        for (int i = 0; i < entries.size(); i++) {
            StoredEntry e = entries.get(i);
            if (i == 0 && badBytes && ++e.badReads >= BAD_READS_BEFORE_SET_ASIDE && inFlight.remove(e.id) != null) {
                e.inFlight = false;
                setAside.put(e.id, e);
                LOG.warn("outbox record {} read back with a bad CRC {} times: set aside, not sent and not deleted "
                    + "(it stays in its segment file)", e.id, e.badReads);
                continue;
            }
            if (i == 0 && !badBytes) {
                e.badReads = 0;
            }
            release(e.id);
        }
    }

    /** The message was delivered: it leaves the store. */
    synchronized void acknowledge(long id) {
        StoredEntry e = inFlight.remove(id);
        if (e != null) {
            e.inFlight = false;
            delivered++;
            e.deliveredEarly = !e.durable;
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

    /**
     * The link said the message does not fit it (too large, class not carried): the message waits again in its
     * place, and no longer goes to that link (until a restart forgets the refusal).
     */
    synchronized void refuse(long id, String link) {
        StoredEntry e = inFlight.get(id);
        if (e != null && !e.gone) {
            if (e.refusedBy == null) {
                e.refusedBy = new java.util.HashSet<>(2);
            }
            e.refusedBy.add(link);
        }
        release(id);
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
        if (!e.durable && !e.deliveredEarly) {
            e.droppedEarly = true;
        }
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
            log.truncatedBytes(), corrupt, pendingBytes, disk.problem(), disk.failedReads(), setAside.size());
    }

    /** Number of segment files, the active one included. */
    int segmentCount() {
        return log.count();
    }

    private void commitLoop() {
        long interval = Math.max(1, settings.fsyncInterval().toMillis());
        while (true) {
            boolean last;
            synchronized (this) {
                awaitNextCommit(interval);
                last = closed;
            }
            boolean written;
            try {
                written = commit();
            } catch (RuntimeException e) {
                LOG.warn("outbox commit failed: {}", e.toString());
                written = false;
            }
            if (last) {
                // closing: this was the last attempt; what it could not write was never durable, and its senders hear so
                abandonUnwritten(written);
                return;
            }
        }
    }

    /** Waits out the commit interval (or the back-off after a failed write); a close ends the wait. Under the lock. */
    private void awaitNextCommit(long interval) {
        boolean failing = !disk.writing();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(failing ? disk.retryMillis() : interval);
        while (!closed && (failing || batchBytes < EARLY_COMMIT_BYTES)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                closed = true;   // nobody interrupts the committer; if someone does, it stops after a last commit
            }
        }
    }

    private void abandonUnwritten(boolean lastCommitWritten) {
        List<CompletableFuture<Boolean>> stages;
        synchronized (this) {
            if (lastCommitWritten && unwritten.isEmpty() && batch.isEmpty()) {
                return;
            }
            unwritten.add(batch, batchStored);
            List<StoredEntry> lost = new ArrayList<>();
            stages = unwritten.abandon(lost);
            LOG.warn("outbox closed with {} messages ({} bytes) its disk did not take: their senders hear REFUSED", lost.size(),
                pendingBytes);
            batch = new ArrayList<>();
            batchBytes = 0;
            pendingBytes = 0;
        }
        stages.forEach(s -> s.complete(false));
    }

    /**
     * One group commit: writes what earlier failed commits left plus the gathered records and the acks, with one
     * write and one force while the disk works, or in slices of about {@link #EARLY_COMMIT_BYTES}, each forced
     * before the next, after a failure; only then can the records be sent. A failed slice is forgotten from the file and kept for the next attempt (after a
     * back-off), without a second copy; what earlier slices wrote stays written. Returns whether all was written.
     */
    private boolean commit() {
        Map<OutboxSegment, List<Long>> acks = new HashMap<>();
        synchronized (this) {
            if (batch.isEmpty()) {
                batchStored.complete(true);
            } else {
                unwritten.add(batch, batchStored);
            }
            batch = new ArrayList<>();
            batchBytes = 0;
            batchStored = new CompletableFuture<>();
            for (OutboxSegment s : log.all()) {
                if (!s.pendingAcks.isEmpty()) {
                    acks.put(s, s.pendingAcks);
                    s.pendingAcks = new ArrayList<>();
                }
            }
        }
        boolean wrote = false;
        while (true) {
            List<StoredEntry> slice;
            synchronized (this) {
                // all in one write and one fsync while the disk works; in slices once it failed, so that what fits is taken
                slice = unwritten.slice(disk.writing() ? Long.MAX_VALUE : EARLY_COMMIT_BYTES, this::forgetUnwritten);
            }
            if (slice.isEmpty() && acks.isEmpty()) {
                unwritten.sliceWritten().forEach(s -> s.complete(true));
                break;
            }
            SegmentLog.Written written;
            try {
                written = log.write(slice, acks);
            } catch (IOException e) {
                List<OutboxSegment> empty;
                synchronized (this) {
                    acks.forEach((s, ids) -> s.pendingAcks.addAll(ids));
                    disk.writeFailed(e, slice.size(), pendingBytes);
                    empty = log.removeEmpty();   // delivered while the disk is full: deleting them makes room
                }
                SegmentLog.delete(empty);
                if (wrote) {
                    onCommit.run();
                }
                return false;
            }
            acks = Map.of();
            wrote = true;
            disk.writeSucceeded();
            durable(slice, written);
            unwritten.sliceWritten().forEach(s -> s.complete(true));
        }
        if (wrote) {
            onCommit.run();
            for (int i = 0; i < COMPACTIONS_PER_COMMIT && compactor.compactOne(); i++) {
                // each round copies one sparse segment's survivors forward and deletes it
            }
        }
        return true;
    }

    /** A record dropped before it was written will never be: its bytes no longer wait. Under the lock; once per entry. */
    private void forgetUnwritten(StoredEntry gone) {
        if (gone.record != null) {
            pendingBytes -= gone.size;
            gone.record = null;
        }
    }

    /** The slice is on disk: its records may be sent; those that left meanwhile get their acks. */
    private void durable(List<StoredEntry> slice, SegmentLog.Written written) {
        OutboxSegment target = written.segment();
        List<OutboxSegment> empty;
        synchronized (this) {
            for (int i = 0; i < slice.size(); i++) {
                StoredEntry e = slice.get(i);
                pendingBytes -= e.size;
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

    /**
     * Refuses new messages, lets the committer make a last attempt at what is gathered (bounded by
     * {@link #CLOSE_MILLIS}), and closes the files. A committer still blocked in the disk after that finds its
     * files closed, fails, and ends.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            committer.join(CLOSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (committer.isAlive()) {
            LOG.warn("outbox store {}: the committer is still blocked in the disk after {} ms; closing its files", settings.directory(),
                CLOSE_MILLIS);
        }
        synchronized (this) {
            log.close();
        }
    }
}
