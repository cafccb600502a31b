package io.outpost.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store's disk takes writes and gives back reads, and how long the committer waits before the
 * next attempt. Logs transitions only: one WARN when writing (or reading) starts failing, DEBUG per further
 * failure, one INFO when it works again. The back-off doubles from {@link #FIRST_RETRY_MILLIS} to
 * {@link #MAX_RETRY_MILLIS}. Thread-safe.
 */
final class DiskHealth {

    private static final Logger LOG = LoggerFactory.getLogger(DiskHealth.class);
    static final long FIRST_RETRY_MILLIS = 50;
    static final long MAX_RETRY_MILLIS = 2_000;

    private final Path directory;
    private final Clock clock;
    private String writeError;
    private long writeFailingSince;
    private long failedWrites;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private String readError;
    private long failedReads;

    DiskHealth(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    synchronized void writeFailed(IOException e, int messages, long unwrittenBytes) {
        failedWrites++;
        if (writeError == null) {
            writeFailingSince = clock.millis();
            retryMillis = FIRST_RETRY_MILLIS;
            LOG.warn("outbox store cannot write to {} ({}): degraded, keeping {} messages ({} bytes) in memory and trying again "
                + "with a back-off of up to {} ms; new telemetry is refused while too much waits to be written", directory, e,
                messages, unwrittenBytes, MAX_RETRY_MILLIS);
        } else {
            retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
            LOG.debug("outbox store still cannot write to {}: {}", directory, e.toString());
        }
        writeError = e.toString();
    }

    synchronized void writeSucceeded() {
        if (writeError != null) {
            LOG.info("outbox store writes to {} again after {} s and {} failed attempts", directory,
                (clock.millis() - writeFailingSince) / 1000, failedWrites);
            writeError = null;
            failedWrites = 0;
        }
    }

    synchronized void readFailed(String what, String error) {
        failedReads++;
        if (readError == null) {
            LOG.warn("outbox store cannot read {} from {} ({}): the record stays stored and is read again later", what, directory, error);
        } else {
            LOG.debug("outbox store still cannot read {}: {}", what, error);
        }
        readError = error;
    }

    synchronized void readSucceeded() {
        if (readError != null) {
            LOG.info("outbox store reads from {} again after {} failed reads", directory, failedReads);
            readError = null;
        }
    }

    synchronized boolean writing() {
        return writeError == null;
    }

    /** How long the committer rests before trying a failed write again. */
    synchronized long retryMillis() {
        return retryMillis;
    }

    synchronized long failedReads() {
        return failedReads;
    }

    /** What is wrong with the disk in words an operator can act on, or null when nothing is. */
    synchronized String problem() {
        if (writeError != null) {
            return "cannot write since " + (clock.millis() - writeFailingSince) / 1000 + " s: " + writeError;
        }
        return readError == null ? null : "cannot read: " + readError;
    }
}
