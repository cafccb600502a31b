package io.outpost.api.profile;

import java.util.Map;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns messages into topics and payloads for one wire convention. Registered as a service with the
 * {@link #ID} property ({@code kura}, {@code sparkplug}). Stateless and thread-safe.
 */
@ConsumerType
public interface CloudProfile {

    /** Service property naming the profile. */
    String ID = "outpost.profile";

    /** Topic and payload of a data, alarm, event or reply message; carries the message id for de-duplication. */
    EncodedMessage encode(GatewayIdentity gateway, OutboundMessage message);

    /**
     * The birth certificate, published on every connect and when the installed bundles change.
     *
     * @param connectionMetrics what only the link knows (connection interface, IP address...)
     */
    EncodedMessage birth(GatewayIdentity gateway, Map<String, Value> connectionMetrics);

    /**
     * The applications certificate ({@code MQTT/APPS} for Kura), published with the birth certificate when what it
     * lists changed (request handlers came or went); null when the profile has none.
     *
     * @since 1.2
     */
    default EncodedMessage apps(GatewayIdentity gateway, Map<String, Value> connectionMetrics) {
        return null;
    }

    /** Published just before a clean disconnect. */
    EncodedMessage disconnect(GatewayIdentity gateway);

    /** Registered with the broker as the last will, sent by the broker if the gateway vanishes. */
    EncodedMessage lastWill(GatewayIdentity gateway);

    /** The topic filter on which HQ's requests to this gateway arrive; links subscribe to it (QoS 1) on every connect. */
    String controlTopicFilter(GatewayIdentity gateway);

    /**
     * Calls the listener (on any thread) when what {@link #birth} reports has changed, e.g. bundles were
     * installed or removed, so that connected links publish the birth certificate again.
     *
     * @return a handle that stops the notifications; profiles whose birth never changes return a no-op
     * @since 1.1
     */
    default AutoCloseable onBirthChange(Runnable listener) {
        return () -> { };
    }

    /**
     * Decodes a message that arrived on {@link #controlTopicFilter}: size-limited before and after any inflation,
     * never throws. Profiles that take no requests refuse every message.
     *
     * @since 1.2
     */
    default ControlDecoding decodeControl(GatewayIdentity gateway, String topic, byte[] payload) {
        return ControlDecoding.refused("profile decodes no requests");
    }
}
