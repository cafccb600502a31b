package io.outpost.outbox;

import io.outpost.api.upstream.MessageClass;

/** One message in the store, as the index sees it. Mutable; guarded by the store's lock. */
final class StoredEntry implements Comparable<StoredEntry> {

    final long id;
    final MessageClass messageClass;
    final long appendedAt;
    final int size;
    /** The record bytes until the commit wrote them. */
    byte[] record;
    OutboxSegment segment;
    long offset;
    /** Written and forced to disk: only then may it be sent. */
    boolean durable;
    boolean inFlight;
    /** Delivered or dropped: no longer in the store. */
    boolean gone;
    /** Dropped to make room before its commit made it durable: the sender hears DROPPED. */
    volatile boolean droppedEarly;
    /** Confirmed by a link before its commit (replies may go first): it is not written, and its sender hears DURABLE. */
    volatile boolean deliveredEarly;
    /** Reads in a row that returned bytes failing their CRC. */
    int badReads;
    /** Links that said this message does not fit them (too large, class not carried); null when none. Not persisted. */
    java.util.Set<String> refusedBy;

    StoredEntry(long id, MessageClass messageClass, long appendedAt, int size) {
        this.id = id;
        this.messageClass = messageClass;
        this.appendedAt = appendedAt;
        this.size = size;
    }

    @Override
    public int compareTo(StoredEntry other) {
        return Long.compare(id, other.id);
    }
}
