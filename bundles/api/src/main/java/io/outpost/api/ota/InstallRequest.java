package io.outpost.api.ota;

import java.util.Objects;

/**
 * The answer to {@link OtaService#install}: either the job was accepted (its id, to follow it in
 * {@link OtaService#lastJob()}), or it was refused at once (the reason) and nothing was started. A package that is
 * accepted can still be refused later, by its signature check: that is the job's outcome, {@link OtaState#FAILED}.
 *
 * @param jobId   the id of the accepted job; 0 when refused
 * @param refusal why the request was refused; empty when accepted
 */
public record InstallRequest(long jobId, String refusal) {

    public InstallRequest {
        Objects.requireNonNull(refusal, "refusal");
    }

    public static InstallRequest accepted(long jobId) {
        return new InstallRequest(jobId, "");
    }

    public static InstallRequest refused(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        return new InstallRequest(0, reason);
    }

    public boolean isAccepted() {
        return refusal.isEmpty();
    }
}
