package io.outpost.api.ota;

import java.util.Objects;

/**
 * One update, as far as it got. Immutable: the service hands out a new one at every change.
 *
 * @param jobId           the job id HQ gave (DEPLOY-V2 {@code job.id}); local jobs get negative ids
 * @param name            the package name
 * @param version         the package version
 * @param source          where it came from (a URL or a local file), without credentials
 * @param state           where the job is
 * @param bytesDone       bytes downloaded so far
 * @param bytesTotal      the package size, -1 while unknown
 * @param signature       the signature check's outcome code ({@code valid}, {@code unsigned}, {@code tampered},
 *                        {@code untrusted}, {@code invalid}, {@code malformed}), empty before it ran
 * @param health          the health check's result in words, empty before it ran
 * @param message         why the job failed or was rolled back, empty otherwise
 * @param updatedAtMillis epoch millis of the last change
 */
public record OtaJob(long jobId, String name, String version, String source, OtaState state, long bytesDone,
                     long bytesTotal, String signature, String health, String message, long updatedAtMillis) {

    public OtaJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        source = source == null ? "" : source;
        signature = signature == null ? "" : signature;
        health = health == null ? "" : health;
        message = message == null ? "" : message;
    }

    /** Download progress in percent (0-100), 0 while the size is unknown. */
    public int percent() {
        if (bytesTotal <= 0) {
            return 0;
        }
        return (int) Math.min(100, bytesDone * 100 / bytesTotal);
    }
}
