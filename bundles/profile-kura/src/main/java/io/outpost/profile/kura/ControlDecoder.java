package io.outpost.profile.kura;

import io.outpost.api.profile.ControlDecoding;
import io.outpost.api.profile.ControlMessage;
import io.outpost.api.profile.GatewayIdentity;

/**
 * Turns a message from the control filter {@code <prefix>/<account>/<client-id>/#} into a {@link ControlMessage}
 * whose topic is relative to that root. Never throws: anything it cannot read is a refusal with the reason.
 */
public final class ControlDecoder {

    private final String controlPrefix;
    private final KuraPayloadDecoder payloads;

    /** For tests of the inbound path outside this bundle (the package is not exported). */
    public ControlDecoder(String controlPrefix, int maxRequestBytes, int maxInflatedRequestBytes) {
        this(controlPrefix, new RequestLimits(maxRequestBytes, maxInflatedRequestBytes));
    }

    ControlDecoder(String controlPrefix, RequestLimits limits) {
        this.controlPrefix = controlPrefix;
        this.payloads = new KuraPayloadDecoder(limits.maxRequestBytes(), limits.maxInflatedRequestBytes());
    }

    public ControlDecoding decode(GatewayIdentity gw, String topic, byte[] payload) {
        String root = controlPrefix + "/" + gw.account() + "/" + gw.clientId() + "/";
        if (topic == null || !topic.startsWith(root) || topic.length() == root.length()) {
            return ControlDecoding.refused("topic is not below " + root);
        }
        if (payload == null) {
            return ControlDecoding.refused("no payload");
        }
        try {
            KuraPayload decoded = payloads.decode(payload);
            return ControlDecoding.decoded(new ControlMessage(topic.substring(root.length()), decoded.metrics(), decoded.body()));
        } catch (UndecodableException e) {
            return ControlDecoding.refused(e.getMessage());
        } catch (RuntimeException e) {
            return ControlDecoding.refused("undecodable: " + e);
        }
    }
}
