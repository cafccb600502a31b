package io.outpost.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's files: the directory lock, the epoch, the sealed segments and the active one. Opening recovers every
 * segment and hands each surviving record to the store; a commit writes a batch of records to the active
 * segment (starting a new one when it is full) plus the acks, and forces them.
 *
 * <p>Ids are dense within the epoch: the next id after opening is one past the highest id of any record found,
 * acknowledged or not, and past every segment's first id less one (a segment named n says ids below n were
 * given). The active segment is never deleted, so its name keeps that count even when every record was
 * delivered and every other segment deleted; an empty segment left by an earlier opening is used again rather
 * than skipped. A new segment is durable (header and directory entry forced) before any older one is deleted.
 */
final class SegmentLog {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentLog.class);

    /** Where a commit put its records. */
    record Written(OutboxSegment segment, long[] offsets) {
    }

    private final Path dir;
    private final long segmentBytes;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final List<OutboxSegment> sealed = new ArrayList<>();
    private final long highestId;
    private final long epoch;
    private final long truncatedBytes;
    private OutboxSegment active;
    /** One reused buffer for every write: a retry allocates nothing. Committer thread only. */
    private final ChunkWriter chunks = new ChunkWriter();

    private SegmentLog(Path dir, long segmentBytes, Consumer<StoredEntry> survivor, RandomGenerator random) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(dir);
        this.lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = lockFile.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            held = null;
        }
        this.lock = held;
        if (lock == null) {
            lockFile.close();
            throw new IOException("outbox directory " + dir + " is in use by another store");
        }
        try {
            long truncated = 0;
            long highest = 0;
            List<StoredEntry> found = new ArrayList<>();
            Map<Long, Long> latestCopy = new HashMap<>();
            for (long firstId : segmentIds(dir)) {
                OutboxSegment.Recovered recovered = OutboxSegment.recover(dir, firstId);
                truncated += recovered.truncatedBytes();
                OutboxSegment segment = recovered.segment();
                highest = Math.max(highest, Math.max(firstId - 1, segment.highestRecordId()));
                recovered.copiedIds().forEach(id -> latestCopy.put(id, firstId));
                for (OutboxSegment.Found f : recovered.live()) {
                    StoredEntry entry = new StoredEntry(f.id(), f.messageClass(), f.appendedAt(), f.size());
                    entry.segment = segment;
                    entry.offset = f.offset();
                    entry.durable = true;
                    segment.gain(entry);
                    found.add(entry);
                }
                sealed.add(segment);
            }
            for (StoredEntry entry : found) {
                Long copyIn = latestCopy.get(entry.id);
                if (copyIn != null && copyIn != entry.segment.firstId()) {
                    entry.segment.lose(entry);   // compaction copied it to a later segment: that copy is the one
                } else {
                    survivor.accept(entry);
                }
            }
            if (truncated > 0) {
                LOG.warn("outbox store {}: cut {} bytes of torn or corrupt records on opening", dir, truncated);
            }
            this.truncatedBytes = truncated;
            this.highestId = highest;
            this.epoch = epochOf(dir, sealed, random);
            OutboxSegment newest = sealed.isEmpty() ? null : sealed.get(sealed.size() - 1);
            if (newest != null && newest.firstId() == highest + 1) {
                // no record of its own yet (only copies, if anything): carry on in it, its name is the next id
                sealed.remove(newest);
                if (newest.size() == 0) {
                    newest.writeHeader(epoch);
                }
                this.active = newest;
            } else {
                this.active = newSegmentOrNewest(dir, highest + 1, epoch, newest);
                sealed.remove(active);
            }
        } catch (IOException | RuntimeException e) {
            sealed.forEach(OutboxSegment::close);   // e.g. a segment of a newer format: leave the directory as it was
            lock.release();
            lockFile.close();
            throw e;
        }
    }

    /**
     * A fresh segment for this opening; when the disk cannot take one (full, read-only) the newest segment goes on
     * instead, so a gateway restarted on a full disk still opens its store, sends what it holds and writes again
     * once space returns. A new store on such a disk cannot open.
     */
    private static OutboxSegment newSegmentOrNewest(Path dir, long firstId, long epoch, OutboxSegment newest) throws IOException {
        try {
            return OutboxSegment.create(dir, firstId, epoch);
        } catch (IOException e) {
            if (newest == null) {
                throw e;
            }
            LOG.warn("outbox store {}: cannot start a new segment ({}); carrying on in segment {}", dir, e.toString(),
                OutboxSegment.name(newest.firstId()));
            return newest;
        }
    }

    /**
     * The epoch of the file, while the store has segments; else the epoch of the newest segment header (the file
     * was lost); else a new one: a new store, a store of format 1 (which had none), or a directory whose segments
     * are gone, so that ids starting again are never mistaken for the earlier ones.
     */
    private static long epochOf(Path dir, List<OutboxSegment> segments, RandomGenerator random) throws IOException {
        long kept = StoreEpoch.read(dir);
        long epoch = 0;
        if (!segments.isEmpty()) {
            epoch = kept;
            for (int i = segments.size() - 1; i >= 0 && epoch == 0; i--) {
                epoch = StoreEpoch.isValid(segments.get(i).epoch()) ? segments.get(i).epoch() : 0;
            }
        } else if (kept != 0) {
            LOG.warn("outbox store {}: an epoch but no segment: the id history is gone, so the store starts a new epoch", dir);
        }
        if (epoch == 0) {
            epoch = StoreEpoch.fresh(random);
        }
        if (epoch != kept) {
            StoreEpoch.write(dir, epoch);
            LOG.info("outbox store {}: epoch {}", dir, epoch);
        }
        return epoch;
    }

    /** Opens the directory (refused when another store holds it) and recovers its segments. */
    static SegmentLog open(Path dir, long segmentBytes, Consumer<StoredEntry> survivor) throws IOException {
        return new SegmentLog(dir, segmentBytes, survivor, new SecureRandom());
    }

    private static List<Long> segmentIds(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{16}\\.seg"))
                .map(n -> Long.parseUnsignedLong(n.substring(0, 16), 16)).sorted().toList();
        }
    }

    /** The highest id given before this opening (of a record found, or below a segment's first id): new ids start above it. */
    long highestId() {
        return highestId;
    }

    /** The store's epoch, which travels with every message beside its id. */
    long epoch() {
        return epoch;
    }

    long truncatedBytes() {
        return truncatedBytes;
    }

    synchronized List<OutboxSegment> all() {
        List<OutboxSegment> all = new ArrayList<>(sealed);
        all.add(active);
        return all;
    }

    synchronized int count() {
        return sealed.size() + 1;
    }

    /**
     * Writes the records and the acks, and forces what was written. When any step fails, the records are
     * forgotten from the segment again (the next attempt writes them at the same place), so a retry never puts
     * a record in the file twice, whether the write or the force failed. Committer thread only.
     */
    Written write(List<StoredEntry> records, Map<OutboxSegment, List<Long>> acks) throws IOException {
        OutboxSegment target;
        synchronized (this) {
            target = active;
        }
        // a full segment is sealed and a new one named by the batch's first id starts; but a segment that holds no record
        // of its own yet (only compaction's copies) is named by that very id, so it takes the batch whatever its size
        if (!records.isEmpty() && target.size() >= segmentBytes && records.get(0).id > target.firstId()) {
            // outside the lock (the committer alone rolls): the new segment is durable before the full one is sealed
            OutboxSegment next = OutboxSegment.create(dir, records.get(0).id, epoch);
            try {
                target.force();
            } catch (IOException e) {
                next.close();
                throw e;
            }
            synchronized (this) {
                sealed.add(target);
                active = next;
            }
            target = next;
        }
        long start = target.size();
        long[] offsets = new long[records.size()];
        try {
            for (int i = 0; i < records.size(); i++) {
                offsets[i] = start + chunks.add(target, records.get(i).record);
            }
            chunks.flush(target);
            for (Map.Entry<OutboxSegment, List<Long>> a : acks.entrySet()) {
                a.getKey().writeAcks(a.getValue());
            }
            target.force();
            for (OutboxSegment s : acks.keySet()) {
                if (s != target) {
                    s.force();
                }
            }
        } catch (IOException e) {
            chunks.clear();
            target.truncateTo(start);
            throw e;
        }
        return new Written(target, offsets);
    }

    /**
     * Appends copies of older records (compaction) to the active segment and forces it; never starts a new
     * segment, so the copies' ids stay below the segment's first id, which is how recovery recognises them.
     */
    Written appendCopies(List<byte[]> records) throws IOException {
        OutboxSegment target;
        synchronized (this) {
            target = active;
        }
        long start = target.size();
        long[] offsets = new long[records.size()];
        try {
            for (int i = 0; i < records.size(); i++) {
                offsets[i] = start + chunks.add(target, records.get(i));
            }
            chunks.flush(target);
            target.force();
        } catch (IOException e) {
            chunks.clear();
            target.truncateTo(start);
            throw e;
        }
        return new Written(target, offsets);
    }

    /** The sealed segment most worth compacting: less than half of it still waits. Caller holds the store's lock. */
    synchronized OutboxSegment sparsest() {
        OutboxSegment best = null;
        for (OutboxSegment s : sealed) {
            if (s.live > 0 && s.liveBytes * 2 < s.size() && (best == null || s.liveBytes * best.size() < best.liveBytes * s.size())) {
                best = s;
            }
        }
        return best;
    }

    /** Takes the sealed segments none of whose records is left out of the log. Caller holds the store's lock. */
    synchronized List<OutboxSegment> removeEmpty() {
        List<OutboxSegment> empty = sealed.stream().filter(s -> s.live == 0).toList();
        sealed.removeAll(empty);
        return empty;
    }

    static void delete(List<OutboxSegment> segments) {
        for (OutboxSegment s : segments) {
            try {
                s.delete();
            } catch (IOException e) {
                LOG.warn("outbox store cannot delete segment {}: {}", OutboxSegment.name(s.firstId()), e.toString());
            }
        }
    }

    synchronized void close() {
        all().forEach(OutboxSegment::close);
        try {
            lock.release();
            lockFile.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
