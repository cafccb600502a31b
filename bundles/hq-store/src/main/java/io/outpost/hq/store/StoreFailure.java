package io.outpost.hq.store;

/** The database refused or failed a write that was not a duplicate: ingest counts it and goes on. */
public final class StoreFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
