package io.outpost.itests.outbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;

/** A readable profile for the outbox tests: topic account/client/app-topic, payload "id|class|n". */
final class LineProfile implements CloudProfile {

    static final String ID = "text-outbox-it";

    @Override
    public EncodedMessage encode(GatewayIdentity gw, OutboundMessage m) {
        String text = m.id() + "|" + m.message().messageClass() + "|" + m.message().metrics().get("n");
        return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/" + m.message().topic(), text.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Override
    public EncodedMessage birth(GatewayIdentity gw, Map<String, Value> connection) {
        return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/BIRTH", new byte[0], 1, false);
    }

    @Override
    public EncodedMessage disconnect(GatewayIdentity gw) {
        return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/DC", new byte[0], 1, false);
    }

    @Override
    public EncodedMessage lastWill(GatewayIdentity gw) {
        return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/LWT", new byte[0], 1, false);
    }

    @Override
    public String controlTopicFilter(GatewayIdentity gw) {
        return "ctl/" + gw.account() + "/" + gw.clientId() + "/#";
    }
}
