package io.outpost.api.upstream;

import java.util.Objects;

/**
 * The upstream's answer to one {@link Upstream#send}: what became of the message.
 *
 * @param outcome what happened
 * @param reason  why, in words an operator can act on; empty for {@link Outcome#DURABLE}
 */
public record Acknowledgement(Outcome outcome, String reason) {

    /** What became of a message handed to the upstream. */
    public enum Outcome {
        /** Stored so that a crash or power cut cannot lose it; it will be delivered or dropped by rule later. */
        DURABLE,
        /** Not taken at all (store full of alarms, unencodable, upstream closing); the sender still owns it. */
        REFUSED,
        /** Taken, then dropped as the oldest telemetry to make room before it became durable. */
        DROPPED
    }

    private static final Acknowledgement DURABLE_ACK = new Acknowledgement(Outcome.DURABLE, "");

    public Acknowledgement {
        Objects.requireNonNull(outcome, "outcome");
        reason = reason == null ? "" : reason;
    }

    public static Acknowledgement durable() {
        return DURABLE_ACK;
    }

    public static Acknowledgement refused(String reason) {
        return new Acknowledgement(Outcome.REFUSED, reason);
    }

    public static Acknowledgement dropped(String reason) {
        return new Acknowledgement(Outcome.DROPPED, reason);
    }

    public boolean isDurable() {
        return outcome == Outcome.DURABLE;
    }
}
