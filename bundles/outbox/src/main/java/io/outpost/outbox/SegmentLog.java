package io.outpost.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's files: the directory lock, the sealed segments and the active one. Opening recovers every
 * segment and hands each surviving record to the store; a commit writes a batch of records to the active
 * segment (starting a new one when it is full) plus the acks, and forces them.
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
    private final long truncatedBytes;
    private OutboxSegment active;
    /** One reused buffer for every write: a retry allocates nothing. Committer thread only. */
    private final ChunkWriter chunks = new ChunkWriter();

    private SegmentLog(Path dir, long segmentBytes, Consumer<StoredEntry> survivor) throws IOException {
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
        long truncated = 0;
        long highest = 0;
        List<StoredEntry> found = new ArrayList<>();
        Map<Long, Long> latestCopy = new HashMap<>();
        for (long firstId : segmentIds(dir)) {
            OutboxSegment.Recovered recovered = OutboxSegment.recover(dir, firstId);
            truncated += recovered.truncatedBytes();
            highest = Math.max(highest, firstId);
            OutboxSegment segment = recovered.segment();
            recovered.copiedIds().forEach(id -> latestCopy.put(id, firstId));
            for (OutboxSegment.Found f : recovered.live()) {
                StoredEntry entry = new StoredEntry(f.id(), f.messageClass(), f.appendedAt(), f.size());
                entry.segment = segment;
                entry.offset = f.offset();
                entry.durable = true;
                segment.gain(entry);
                found.add(entry);
                highest = Math.max(highest, f.id());
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
        // a fresh segment after every opening: nothing is appended after a tail that was just repaired
        this.active = OutboxSegment.create(dir, highest + 1);
    }

    /** Opens the directory (refused when another store holds it) and recovers its segments. */
    static SegmentLog open(Path dir, long segmentBytes, Consumer<StoredEntry> survivor) throws IOException {
        return new SegmentLog(dir, segmentBytes, survivor);
    }

    private static List<Long> segmentIds(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9a-f]{16}\\.seg"))
                .map(n -> Long.parseUnsignedLong(n.substring(0, 16), 16)).sorted().toList();
        }
    }

    /** The highest id or segment name found on opening: new ids start above it. */
    long highestId() {
        return highestId;
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
            if (!records.isEmpty() && active.size() >= segmentBytes) {
                OutboxSegment next = OutboxSegment.create(dir, records.get(0).id);
                try {
                    active.force();
                } catch (IOException e) {
                    next.delete();
                    throw e;
                }
                sealed.add(active);
                active = next;
            }
            target = active;
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
