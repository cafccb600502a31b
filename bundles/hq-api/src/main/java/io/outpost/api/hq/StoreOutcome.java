package io.outpost.api.hq;

/** What {@link IngestStore#store} did with a message. */
public enum StoreOutcome {
    /** Stored now. */
    STORED,
    /** Already stored (same gateway, epoch and message id), by this instance or another: nothing written. */
    DUPLICATE
}
