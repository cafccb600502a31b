package io.outpost.hq.ingest;

import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.MessageClass;

/** Where a topic leads: a device's data or alarms, a lifecycle event, or nowhere (with the problem's kind). */
sealed interface Route {

    record Data(GatewayId gateway, String device, MessageClass messageClass) implements Route {
    }

    record Lifecycle(GatewayId gateway, LifecycleEvent event) implements Route {
    }

    /** Not for ingest, and not a problem (a gateway's replies, other control topics). */
    record Ignored() implements Route {
    }

    /** A topic HQ cannot accept; {@code problem} is the kind logged and counted, {@code detail} an example. */
    record Rejected(String problem, String detail) implements Route {
    }
}
