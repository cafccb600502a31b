package io.outpost.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The batches the committer took and has not yet written, oldest first, each with the stage its senders wait
 * on. The committer writes them in slices of bounded size, so that a disk with a little room left takes what
 * fits and a big backlog is never one all-or-nothing write; a batch's stage completes once all of it is
 * written. Committer thread only (entries' fields stay guarded by the store's lock).
 */
final class UnwrittenBatches {

    private static final class Batch {
        final List<StoredEntry> entries;
        final CompletableFuture<Boolean> stored;
        /** The first entry not yet written, and where the slice being written ends. */
        int next;
        int sliceEnd;

        Batch(List<StoredEntry> entries, CompletableFuture<Boolean> stored) {
            this.entries = entries;
            this.stored = stored;
        }
    }

    private final Deque<Batch> batches = new ArrayDeque<>();
    private final List<Batch> sliced = new ArrayList<>();

    void add(List<StoredEntry> entries, CompletableFuture<Boolean> stored) {
        batches.add(new Batch(entries, stored));
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /**
     * The next entries to write, oldest first, about {@code maxBytes} of them (at least one); entries that left the
     * store before they were written are handed to {@code gone} and skipped. Caller holds the store's lock.
     */
    List<StoredEntry> slice(long maxBytes, java.util.function.Consumer<StoredEntry> gone) {
        List<StoredEntry> slice = new ArrayList<>();
        long bytes = 0;
        sliced.clear();
        for (Batch b : batches) {
            int i = b.next;
            while (i < b.entries.size() && (slice.isEmpty() || bytes + b.entries.get(i).size <= maxBytes)) {
                StoredEntry e = b.entries.get(i++);
                if (e.gone) {
                    gone.accept(e);
                    continue;
                }
                slice.add(e);
                bytes += e.size;
            }
            b.sliceEnd = i;
            sliced.add(b);
            if (i < b.entries.size()) {
                break;
            }
        }
        return slice;
    }

    /** The last slice is on disk: returns the stages of the batches now written completely, and forgets those. */
    List<CompletableFuture<Boolean>> sliceWritten() {
        List<CompletableFuture<Boolean>> done = new ArrayList<>();
        for (Batch b : sliced) {
            b.next = b.sliceEnd;
        }
        while (!batches.isEmpty() && batches.peek().next >= batches.peek().entries.size()) {
            done.add(batches.poll().stored);
        }
        sliced.clear();
        return done;
    }

    /** Every entry not yet written, and empties the queue with their stages, which it returns. */
    List<CompletableFuture<Boolean>> abandon(List<StoredEntry> unwrittenOut) {
        List<CompletableFuture<Boolean>> stages = new ArrayList<>();
        for (Batch b : batches) {
            unwrittenOut.addAll(b.entries.subList(b.next, b.entries.size()));
            stages.add(b.stored);
        }
        batches.clear();
        sliced.clear();
        return stages;
    }
}
