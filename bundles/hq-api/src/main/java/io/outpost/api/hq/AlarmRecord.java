package io.outpost.api.hq;

import java.time.Instant;

/** A stored alarm transition (raised or cleared) as the gateway sent it. */
public record AlarmRecord(GatewayId gateway, String device, String channel, String state, String limit,
        Double threshold, String value, Instant time) {
}
