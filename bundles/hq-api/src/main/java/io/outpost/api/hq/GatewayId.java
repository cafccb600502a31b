package io.outpost.api.hq;

import java.util.Objects;

/** A gateway as its topics name it: {@code <account>/<client-id>}. */
public record GatewayId(String account, String clientId) {

    public GatewayId {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(clientId, "clientId");
    }

    @Override
    public String toString() {
        return account + "/" + clientId;
    }
}
