package io.outpost.codec.compact;

/** Why a frame was not opened. One word per reason; the opener counts each. */
public enum Refusal {
    /** Shorter than a header and a tag. */
    TRUNCATED,
    /** A format version this codec does not read. */
    UNKNOWN_VERSION,
    /** Another gateway's id (or, at HQ, one without a key). */
    UNKNOWN_GATEWAY,
    /** The tag does not hold: tampered, cut, wrong key, or garbage. */
    NOT_AUTHENTIC,
    /** Authentic, but its sequence was seen before or is too old for the replay window. */
    REPLAYED
}
