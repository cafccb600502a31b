package io.outpost.api.profile;

import java.util.Objects;

/** Who the gateway is on the wire: its account (tenant) and its MQTT client id. */
public record GatewayIdentity(String account, String clientId) {

    public GatewayIdentity {
        requireTopicLevel(account, "account");
        requireTopicLevel(clientId, "clientId");
    }

    private static void requireTopicLevel(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.contains("/") || value.contains("+") || value.contains("#")) {
            throw new IllegalArgumentException(what + " '" + value + "' must be one non-empty MQTT topic level without / + #");
        }
    }
}
