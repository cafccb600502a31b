package io.outpost.codec.compact;

/** Hands out frame sequence numbers: each at most once per key and direction, increasing, in 1..2<sup>32</sup>-1. */
@FunctionalInterface
public interface SequenceSource {

    /**
     * @throws IllegalStateException when no number can be handed out safely (storage failed, space exhausted): the
     *     frame is then not sent rather than sent with a repeated nonce
     */
    long next();
}
