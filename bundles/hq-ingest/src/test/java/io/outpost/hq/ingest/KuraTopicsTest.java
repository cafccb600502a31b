package io.outpost.hq.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.MessageClass;

class KuraTopicsTest {

    private final KuraTopics topics = new KuraTopics("$EDC");

    @Test
    void routesDataAlarmsAndLifecycle() {
        GatewayId gw = new GatewayId("outpost", "outpost-pi4");
        assertEquals(new Route.Data(gw, "sim1", MessageClass.DATA), topics.route("outpost/outpost-pi4/data/sim1"));
        assertEquals(new Route.Data(gw, "bus/plc 2", MessageClass.DATA), topics.route("outpost/outpost-pi4/data/bus/plc 2"));
        assertEquals(new Route.Data(gw, "sim1", MessageClass.ALARM), topics.route("outpost/outpost-pi4/alarms/sim1"));
        for (LifecycleEvent e : LifecycleEvent.values()) {
            assertEquals(new Route.Lifecycle(gw, e), topics.route("$EDC/outpost/outpost-pi4/MQTT/" + e.name()));
        }
        assertInstanceOf(Route.Ignored.class, topics.route("$EDC/outpost/outpost-pi4/CONF-V1/REPLY/17"));
    }

    @Test
    void rejectsUnknownTopicsAndOddIdentifiersByName() {
        assertEquals("unknown topic", ((Route.Rejected) topics.route("outpost/gw/weather/x")).problem());
        assertEquals("unknown topic", ((Route.Rejected) topics.route("a/b")).problem());
        assertEquals("unknown topic", ((Route.Rejected) topics.route("outpost/gw/data")).problem());
        assertEquals("unknown lifecycle topic", ((Route.Rejected) topics.route("$EDC/outpost/gw/MQTT/HELLO")).problem());
        assertEquals("odd account or client id", ((Route.Rejected) topics.route("outpost/gw 1/data/sim1")).problem());
        assertEquals("odd account or client id", ((Route.Rejected) topics.route("outpost/gw\u0000/data/sim1")).problem());
        assertEquals("odd account or client id", ((Route.Rejected) topics.route("outpost/" + "x".repeat(129) + "/data/sim1")).problem());
        assertEquals("odd account or client id", ((Route.Rejected) topics.route("$EDC/out'post/gw/MQTT/BIRTH")).problem());
        assertEquals("odd device name", ((Route.Rejected) topics.route("outpost/gw/data/")).problem());
        assertEquals("odd device name", ((Route.Rejected) topics.route("outpost/gw/data/a\nb")).problem());
    }
}
