package io.outpost.api.upstream;

/** Why a message goes upstream, most urgent first. Links and the outbox order and route by it. */
public enum MessageClass {
    /** A limit was crossed or a crossing cleared: sent on the first link that works, never dropped. */
    ALARM,
    /** A reply to a request from HQ. */
    REPLY,
    /** Birth, disconnect: who this gateway is. */
    LIFECYCLE,
    /** A change worth telling (past the deadband, a quality change). */
    EVENT,
    /** Periodic data and heartbeats: the first to be dropped, only on cheap links. */
    TELEMETRY
}
