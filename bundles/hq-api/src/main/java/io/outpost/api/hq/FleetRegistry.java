package io.outpost.api.hq;

import java.util.List;
import java.util.Optional;

/** The gateways HQ has heard of. */
public interface FleetRegistry {

    /** Every gateway, ordered by account and client id. */
    List<GatewayRecord> gateways();

    Optional<GatewayRecord> gateway(GatewayId id);

    /** The gateways with this client id, in any account (for commands that take a bare client id). */
    List<GatewayRecord> byClientId(String clientId);
}
