package io.outpost.outbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a few long-waiting records from holding whole segment files: copies the survivors of the sparsest old
 * segment (less than half live) to the active segment with their ids, then deletes the old segment.
 * Recovery recognises a copy by its id being below its segment's first id and drops the original it
 * supersedes, so a crash between copying and deleting duplicates nothing. Committer thread only.
 */
final class SegmentCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentCompactor.class);

    private final Object lock;
    private final SegmentLog log;
    private final Function<OutboxSegment, List<StoredEntry>> entriesOf;

    /**
     * @param lock      the store's lock, guarding entries and live counts
     * @param entriesOf the stored entries of a segment; called with the lock held
     */
    SegmentCompactor(Object lock, SegmentLog log, Function<OutboxSegment, List<StoredEntry>> entriesOf) {
        this.lock = lock;
        this.log = log;
        this.entriesOf = entriesOf;
    }

    /** Compacts one segment if one is sparse enough; true when it did. */
    boolean compactOne() {
        OutboxSegment victim;
        List<StoredEntry> moving;
        synchronized (lock) {
            victim = log.sparsest();
            if (victim == null) {
                return false;
            }
            moving = new ArrayList<>(entriesOf.apply(victim));
        }
        moving.sort(null);
        List<byte[]> records = new ArrayList<>(moving.size());
        SegmentLog.Written written;
        try {
            for (StoredEntry e : moving) {
                records.add(victim.readRecord(e.offset, e.size));
            }
            written = log.appendCopies(records);
        } catch (IOException e) {
            LOG.warn("outbox store cannot compact segment {}: {}", OutboxSegment.name(victim.firstId()), e.toString());
            return false;
        }
        OutboxSegment target = written.segment();
        List<OutboxSegment> empty;
        synchronized (lock) {
            for (int i = 0; i < moving.size(); i++) {
                StoredEntry e = moving.get(i);
                if (e.gone) {
                    target.pendingAcks.add(e.id);   // acked meanwhile: the copy must not come back after a restart
                    continue;
                }
                victim.lose(e);
                e.segment = target;
                e.offset = written.offsets()[i];
                target.gain(e);
            }
            empty = log.removeEmpty();
        }
        SegmentLog.delete(empty);
        return true;
    }
}
