package io.outpost.codec.compact;

/**
 * The outcome of opening one frame: either {@link Opened} with its body or {@link Refused} with the reason.
 */
public sealed interface OpenedFrame {

    /** An authentic, fresh frame. */
    record Opened(long gatewayId, long sequence, byte[] body) implements OpenedFrame {
        public Opened {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** A frame that must be dropped, and why. */
    record Refused(Refusal reason) implements OpenedFrame {
    }
}
