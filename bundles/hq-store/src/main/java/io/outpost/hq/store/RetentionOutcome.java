package io.outpost.hq.store;

/**
 * What one retention run deleted: messages too old, and messages deleted because the samples were over the size
 * limit, with the samples those held; {@code batches} is how many short transactions it took.
 */
record RetentionOutcome(long messagesByAge, long messagesBySize, long samplesBySize, int batches) {

    long messages() {
        return messagesByAge + messagesBySize;
    }
}
