package io.outpost.itests.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.LinkState;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.codec.compact.Bearer;
import io.outpost.codec.compact.SmsText;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.transport.Hq;

/** The routing rules end to end: failover down the chain of links, waiting telemetry, budgets, hold-down, oversized messages. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class RoutingIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    @InjectService
    ServiceComponentRuntime scr;

    private Gateway gw;

    @AfterEach
    void stop() throws Exception {
        if (gw != null) {
            gw.close();
        }
    }

    private static String n(int n) {
        return Value.of(n).toString();
    }

    @Test
    void alarmsFailOverFromWiredToCellularDataToSmsToSatelliteAndWaitingTelemetryFlowsInClassThenAgeOrderWhenWiredIsBack() throws Exception {
        gw = new Gateway(context, admin, 2).withWired().withCellularData().withSms().withSatellite(Map.of("allowedClasses", new String[] {"ALARM"}));
        gw.awaitState("wired", LinkState.UP);
        gw.awaitState("cellular-data", LinkState.UP);
        gw.awaitState("cellular-sms", LinkState.UP);
        gw.awaitState("satellite", LinkState.UP);
        gw.awaitAlarmRoute("wired");
        assertEquals(List.of("wired", "cellular-data", "cellular-sms", "satellite"), gw.alarmRoute());

        gw.send(MessageClass.ALARM, 1);
        Await.until(Gateway.WAIT, "alarm 1 over wired", () -> gw.delivered("wired", MessageClass.ALARM) == 1);

        Gateway.cut(gw.wired);
        gw.awaitAlarmRoute("cellular-data");
        gw.send(MessageClass.ALARM, 2);
        Await.until(Gateway.WAIT, "alarm 2 over cellular data", () -> gw.delivered("cellular-data", MessageClass.ALARM) == 1);
        assertTrue(gw.arrivals().stream().anyMatch(p -> p.startsWith("ALARM|" + n(2))), "on the broker: " + gw.arrivals());
        gw.send(MessageClass.TELEMETRY, 10);
        gw.send(MessageClass.TELEMETRY, 11);

        Gateway.cut(gw.cellData);
        gw.awaitAlarmRoute("cellular-sms");
        gw.send(MessageClass.ALARM, 3);
        Await.until(Gateway.WAIT, "alarm 3 by SMS", () -> gw.smsModem.sent().size() == 1);
        UpstreamMessage bySms = new Hq(Bearer.SMS).open(SmsText.decode(gw.smsModem.sent().get(0).text()).orElseThrow());
        assertEquals(Value.of(3), bySms.metrics().get("n"));
        assertEquals(Gateway.HQ_NUMBER, gw.smsModem.sent().get(0).number());

        gw.smsModem.noNetwork();
        gw.awaitAlarmRoute("satellite");
        gw.send(MessageClass.ALARM, 4);
        gw.send(MessageClass.EVENT, 20);
        gw.send(MessageClass.TELEMETRY, 12);
        Await.until(Gateway.WAIT, "alarm 4 over SBD", () -> gw.sbdModem.delivered().size() == 1);
        assertEquals(Value.of(4), new Hq(Bearer.SATELLITE).open(gw.sbdModem.delivered().get(0)).metrics().get("n"));

        Thread.sleep(1000);
        assertEquals(3, gw.waiting(MessageClass.TELEMETRY), "telemetry waits: no cheap link");
        assertEquals(1, gw.waiting(MessageClass.EVENT), "the event waits: the satellite carries alarms only here");
        assertEquals(1, gw.smsModem.sent().size());
        assertEquals(1, gw.sbdModem.delivered().size());

        gw.hq.clear();
        gw.wired.admit();
        Await.until(Gateway.WAIT, "the waiting messages over wired", () -> gw.arrivals().size() >= 4);
        List<String> order = gw.arrivals().stream().map(p -> p.substring(0, p.lastIndexOf('|'))).toList();
        assertEquals(List.of("EVENT|" + n(20), "TELEMETRY|" + n(10), "TELEMETRY|" + n(11), "TELEMETRY|" + n(12)), order.subList(0, 4),
            "class then age");
        Await.until(Gateway.WAIT, "the outbox to be empty", () -> gw.waiting(MessageClass.TELEMETRY) + gw.waiting(MessageClass.EVENT)
            + gw.waiting(MessageClass.ALARM) == 0);
        assertEquals(1, gw.smsModem.sent().size(), "nothing else went by SMS");
        assertEquals(1, gw.sbdModem.delivered().size(), "nothing else over SBD");
    }

    @Test
    void theBudgetStopsTelemetryOnTheExpensiveLinkAndNeverStopsAlarms() throws Exception {
        gw = new Gateway(context, admin, 2).withSatellite(Map.of("allowedClasses", new String[] {"ALARM", "TELEMETRY"},
            "costPerMessage", 0.15, "monthlyBudget", 0.30));
        gw.awaitState("satellite", LinkState.UP);
        gw.awaitAlarmRoute("satellite");
        for (int i = 1; i <= 4; i++) {
            gw.send(MessageClass.TELEMETRY, i);
        }
        Await.until(Gateway.WAIT, "two telemetry sessions", () -> gw.sbdModem.delivered().size() == 2);
        Thread.sleep(1500);
        assertEquals(2, gw.sbdModem.delivered().size(), "0.30 spent: telemetry stops");
        assertEquals(2, gw.waiting(MessageClass.TELEMETRY), "and waits");
        assertEquals(0.30, gw.usage("satellite").cost(), 1e-9);
        assertEquals(0, gw.usage("satellite").budgetLeft(), 1e-9);
        gw.send(MessageClass.ALARM, 9);
        Await.until(Gateway.WAIT, "the alarm over budget", () -> gw.sbdModem.delivered().size() == 3);
        assertEquals(Value.of(9), new Hq(Bearer.SATELLITE).open(gw.sbdModem.delivered().get(2)).metrics().get("n"));
        assertEquals(1, gw.delivered("satellite", MessageClass.ALARM));
    }

    @Test
    void failbackToWiredHonoursTheHoldDown() throws Exception {
        int holdDown = 12;
        gw = new Gateway(context, admin, holdDown).withWired().withSatellite(Map.of("allowedClasses", new String[] {"ALARM"}));
        gw.awaitState("wired", LinkState.UP);
        gw.awaitState("satellite", LinkState.UP);
        gw.awaitAlarmRoute("wired");
        Gateway.cut(gw.wired);
        gw.awaitAlarmRoute("satellite");
        gw.send(MessageClass.ALARM, 1);
        Await.until(Gateway.WAIT, "alarm 1 over SBD", () -> gw.sbdModem.delivered().size() == 1);
        gw.wired.admit();
        gw.awaitState("wired", LinkState.UP);
        long back = System.nanoTime();
        assertEquals("satellite", gw.alarmRoute().get(0), "wired is up again but held down");
        assertTrue(gw.alarmRoute().contains("wired"), "and usable");
        gw.send(MessageClass.ALARM, 2);
        Await.until(Gateway.WAIT, "alarm 2 still over SBD", () -> gw.sbdModem.delivered().size() == 2);
        assertTrue(System.nanoTime() - back < holdDown * 1_000_000_000L, "the test sent alarm 2 within the hold-down");
        gw.awaitAlarmRoute("wired");
        long held = (System.nanoTime() - back) / 1_000_000;
        assertTrue(held >= holdDown * 1000L - 1500, "failback after the hold-down, took " + held + " ms");
        gw.send(MessageClass.ALARM, 3);
        Await.until(Gateway.WAIT, "alarm 3 over wired", () -> gw.delivered("wired", MessageClass.ALARM) == 1);
        assertEquals(2, gw.sbdModem.delivered().size());
    }

    @Test
    void anOversizedMessageIsSplitForSbdOrWaitsForWiredAndIsNeverLost() throws Exception {
        gw = new Gateway(context, admin, 2).withWired().withSatellite(Map.of("allowedClasses", new String[] {"ALARM", "EVENT"},
            "monthlyBudget", 100.0));
        gw.awaitState("wired", LinkState.UP);
        gw.awaitState("satellite", LinkState.UP);
        Gateway.cut(gw.wired);
        gw.awaitAlarmRoute("satellite");
        Map<String, Value> many = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            many.put("ch" + i, Value.of(20.25 + i));
        }
        gw.send(MessageClass.EVENT, 1, many);
        Await.until(Gateway.WAIT, "the event split over SBD", () -> gw.waiting(MessageClass.EVENT) == 0);
        int frames = gw.sbdModem.delivered().size();
        assertTrue(frames >= 3, frames + " frames");
        Map<String, Value> back = new LinkedHashMap<>();
        Hq hq = new Hq(Bearer.SATELLITE);
        for (byte[] f : gw.sbdModem.delivered()) {
            assertTrue(f.length <= 340);
            back.putAll(hq.open(f).metrics());
        }
        assertEquals(61, back.size(), "every metric arrived");
        assertEquals(frames, gw.usage("satellite").cost() / 0.15, 1e-6, "one session per frame accounted");

        gw.send(MessageClass.EVENT, 2, Map.of("log", Value.of("x".repeat(400))));
        Thread.sleep(1500);
        assertEquals(1, gw.waiting(MessageClass.EVENT), "too large even split: kept for another link");
        assertEquals(frames, gw.sbdModem.delivered().size());
        gw.wired.admit();
        Await.until(Gateway.WAIT, "the large event over wired", () -> gw.arrivals().stream().anyMatch(p -> p.startsWith("EVENT|" + n(2))));
        // the subscriber can see it a moment before the broker's acknowledgement lets the outbox commit it
        Await.until(Gateway.WAIT, "the large event committed", () -> gw.waiting(MessageClass.EVENT) == 0);
    }

    @Test
    void anInvalidLinkConfigurationIsRefusedNamingTheFieldAndTheOtherLinksKeepWorking() throws Exception {
        gw = new Gateway(context, admin, 2).withWired();
        gw.awaitState("wired", LinkState.UP);
        try (Configurations bad = new Configurations(admin)) {
            bad.single("io.outpost.link.satellite", Map.of("port", "/dev/outpost-no-such-port", "gatewayId", Hq.GATEWAY_ID, "key", Hq.KEY,
                "monthlyBudget", -1.0));
            bad.factory("io.outpost.link.mqtt.path", "nonsense", Map.of("brokerUrl", gw.broker.url(), "linkId", "pigeon", "kind", "pigeon",
                "costPerKilobyte", 0.5, "profile.target", Gateway.PROFILE.target()));
            String satellite = failure("io.outpost.link.satellite.SatelliteLink", "'monthlyBudget'");
            assertTrue(satellite.contains("'port' /dev/outpost-no-such-port does not exist"), satellite);
            String mqtt = failure("io.outpost.link.mqtt.MqttPathLink", "'kind'");
            assertTrue(mqtt.contains("unknown link kind 'pigeon'"), mqtt);
            assertEquals(null, gw.link("satellite"));
            assertEquals(null, gw.link("pigeon"));
            gw.send(MessageClass.ALARM, 1);
            Await.until(Gateway.WAIT, "the alarm over wired", () -> gw.delivered("wired", MessageClass.ALARM) == 1);
            assertEquals(List.of("wired"), gw.alarmRoute());
        }
    }

    /** The activation failure of a component configuration that mentions {@code field}. */
    private String failure(String component, String field) {
        String[] found = new String[1];
        Await.until(Gateway.WAIT, component + " refused naming " + field, () -> {
            for (var d : scr.getComponentDescriptionDTOs()) {
                if (!d.name.equals(component)) {
                    continue;
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                    if (c.state == ComponentConfigurationDTO.FAILED_ACTIVATION && c.failure != null && c.failure.contains(field)) {
                        found[0] = c.failure;
                        return true;
                    }
                }
            }
            return false;
        });
        return found[0];
    }
}
