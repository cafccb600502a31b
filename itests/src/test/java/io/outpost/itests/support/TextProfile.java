package io.outpost.itests.support;

import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;

/**
 * A readable cloud profile for tests that put the link (not a real profile) under test: topics
 * account/client/app-topic (BIRTH, DC and LWT for the lifecycle), data payloads in a format the test chooses,
 * the birth payload the connection metrics as text, QoS 1, never retained.
 */
public final class TextProfile implements CloudProfile {

    private final String id;
    private final Function<OutboundMessage, String> format;

    /** A profile registered under {@code id}, whose data payload is {@code format} of the message, in UTF-8. */
    public TextProfile(String id, Function<OutboundMessage, String> format) {
        this.id = id;
        this.format = format;
    }

    /** Registers this profile under its id; the caller unregisters it. */
    public ServiceRegistration<CloudProfile> register(BundleContext context) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CloudProfile.ID, id);
        return context.registerService(CloudProfile.class, this, props);
    }

    /** The filter that selects this profile, for a link's {@code profile.target}. */
    public String target() {
        return "(" + CloudProfile.ID + "=" + id + ")";
    }

    @Override
    public EncodedMessage encode(GatewayIdentity gw, OutboundMessage m) {
        return message(gw, m.message().topic(), format.apply(m).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public EncodedMessage birth(GatewayIdentity gw, Map<String, Value> connection) {
        return message(gw, "BIRTH", connection.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public EncodedMessage disconnect(GatewayIdentity gw) {
        return message(gw, "DC", new byte[0]);
    }

    @Override
    public EncodedMessage lastWill(GatewayIdentity gw) {
        return message(gw, "LWT", new byte[0]);
    }

    @Override
    public String controlTopicFilter(GatewayIdentity gw) {
        return "ctl/" + gw.account() + "/" + gw.clientId() + "/#";
    }

    private static EncodedMessage message(GatewayIdentity gw, String topic, byte[] payload) {
        return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/" + topic, payload, 1, false);
    }
}
