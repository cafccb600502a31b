package io.outpost.link.mqtt;

import java.util.Optional;

import io.outpost.api.link.MessageTooLargeException;
import io.outpost.api.profile.EncodedMessage;

/**
 * What the link refuses to publish for the outbox, before anything goes on the wire. The outbox deletes a
 * message once its delivery completes, so a delivery may only complete on the broker's confirmation:
 * <ul>
 * <li>QoS 0 is refused: Paho completes a QoS 0 publish when the bytes are written, not when the broker has them.
 * The refusal is an {@link IllegalStateException} (the profile is misconfigured, the message is fine), so the
 * outbox keeps the message and tries again.</li>
 * <li>QoS 2 with {@code cleanSession=false} is refused: every connection starts with a fresh Paho client whose
 * packet ids start again, and a broker still holding an unreleased QoS 2 id from the old session would take a new
 * message with that id for a duplicate, confirm it, and drop it.</li>
 * <li>A payload over {@code maxMessageBytes} is refused with a {@link MessageTooLargeException}: Mosquitto answers an
 * oversized QoS 1 publish from an MQTT 3.1.1 client with an ordinary PUBACK and drops it, so only the link can keep
 * it from being lost.</li>
 * </ul>
 */
final class PublishRules {

    private PublishRules() {
    }

    static Optional<RuntimeException> refusal(String linkId, EncodedMessage message, int maxMessageBytes, boolean cleanSession) {
        if (message.qos() < 1 || message.qos() > 2) {
            return Optional.of(new IllegalStateException("mqtt link '" + linkId + "': the cloud profile encoded '" + message.topic()
                + "' at QoS " + message.qos() + "; outbox deliveries need QoS 1 or 2, as only those are confirmed by the broker"));
        }
        if (message.qos() == 2 && !cleanSession) {
            return Optional.of(new IllegalStateException("mqtt link '" + linkId + "': the cloud profile encoded '" + message.topic()
                + "' at QoS 2, which this link carries only with cleanSession=true (use QoS 1, or a clean session)"));
        }
        if (message.payload().length > maxMessageBytes) {
            return Optional.of(new MessageTooLargeException(linkId, message.payload().length, maxMessageBytes,
                "over the configured maxMessageBytes"));
        }
        return Optional.empty();
    }
}
