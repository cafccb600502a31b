package io.outpost.api.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * What a cloud profile made of a message on the control filter: a {@link ControlMessage}, or the reason it could
 * not be decoded (too large before or after inflation, not gzip, not KuraPayload, not JSON, outside the control
 * root). An undecodable message carries no request id that could be trusted, so it is counted, never answered.
 *
 * @since 1.2
 */
public record ControlDecoding(ControlMessage message, String refusal) {

    public ControlDecoding {
        if ((message == null) == (refusal == null)) {
            throw new IllegalArgumentException("exactly one of message and refusal");
        }
    }

    public static ControlDecoding decoded(ControlMessage message) {
        return new ControlDecoding(Objects.requireNonNull(message, "message"), null);
    }

    public static ControlDecoding refused(String reason) {
        return new ControlDecoding(null, Objects.requireNonNull(reason, "reason"));
    }

    public Optional<ControlMessage> decoded() {
        return Optional.ofNullable(message);
    }
}
