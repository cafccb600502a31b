package io.outpost.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Gathers records into one fixed, reused buffer and appends it to a segment whenever it is full: a batch of any
 * size is written in large sequential chunks without a second copy of the whole batch on the heap, and a retry
 * after a failed write allocates nothing. Committer thread only.
 */
final class ChunkWriter {

    static final int CHUNK_BYTES = 64 * 1024;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK_BYTES);
    /** Bytes handed to the segment since the last {@link #clear} or {@link #flush}, the buffered ones included. */
    private long added;

    /** Adds a record; returns its offset relative to where this series of adds began. */
    long add(OutboxSegment target, byte[] record) throws IOException {
        long offset = added;
        int from = 0;
        while (from < record.length) {
            if (!buffer.hasRemaining()) {
                drain(target);
            }
            int n = Math.min(buffer.remaining(), record.length - from);
            buffer.put(record, from, n);
            from += n;
        }
        added += record.length;
        return offset;
    }

    /** Appends what is buffered; a new series of adds starts at 0. */
    void flush(OutboxSegment target) throws IOException {
        drain(target);
        added = 0;
    }

    /** Forgets what is buffered (after a failure). */
    void clear() {
        buffer.clear();
        added = 0;
    }

    private void drain(OutboxSegment target) throws IOException {
        buffer.flip();
        if (buffer.hasRemaining()) {
            target.append(buffer);
        }
        buffer.clear();
    }
}
