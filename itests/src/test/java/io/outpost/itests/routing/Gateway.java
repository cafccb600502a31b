package io.outpost.itests.routing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

import io.outpost.api.data.Value;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.router.LinkOverview;
import io.outpost.api.router.LinkUsage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.OutboxAlone;
import io.outpost.itests.support.Services;
import io.outpost.itests.support.TcpRelay;
import io.outpost.itests.support.TextProfile;
import io.outpost.itests.transport.Hq;
import io.outpost.itests.transport.PtyPair;
import io.outpost.testing.modemsim.CellularModemSim;
import io.outpost.testing.modemsim.SbdModemSim;

/**
 * One gateway for a routing test: the router, the outbox, and whichever links the test adds, each on its own peer
 * (a TCP relay to Mosquitto that the test can cut, or a simulated modem). Everything is removed on close.
 */
final class Gateway implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String HQ_NUMBER = "+15550100";
    /** Payload "class|n|metric count": readable on the broker. */
    static final TextProfile PROFILE = new TextProfile("text-routing-it",
        m -> m.message().messageClass() + "|" + m.message().metrics().get("n") + "|" + m.message().metrics().size());

    private final BundleContext context;
    private final Configurations configs;
    private final OutboxAlone alone;
    private final ServiceRegistration<CloudProfile> profile;
    private final Path dir;
    final Mosquitto broker;
    final MqttRecorder hq;
    TcpRelay wired;
    TcpRelay cellData;
    PtyPair smsPty;
    CellularModemSim smsModem;
    PtyPair sbdPty;
    SbdModemSim sbdModem;

    Gateway(BundleContext context, ConfigurationAdmin admin, int holdDownSeconds) throws Exception {
        this.context = context;
        this.alone = new OutboxAlone(context);
        this.configs = new Configurations(admin);
        this.profile = PROFILE.register(context);
        this.dir = Files.createTempDirectory("routing-it");
        this.broker = Mosquitto.start();
        this.hq = new MqttRecorder(broker.url(), "acct/gwr/#");
        configs.single("io.outpost.router", Map.of("holdDownSeconds", holdDownSeconds, "usageFile", dir.resolve("usage.properties").toString(),
            "failuresBeforeFailover", 2, "usageReportSeconds", 0));
        configs.single("io.outpost.outbox", Map.of("directory", dir.resolve("outbox").toString(), "fsyncIntervalMillis", 20L,
            "deliveryTimeoutSeconds", 10));
        Await.until(WAIT, "the outbox", () -> context.getServiceReference(Upstream.class) != null);
    }

    /** The wired link: the main MQTT link instance, through a relay. */
    Gateway withWired() throws Exception {
        wired = new TcpRelay(broker.port());
        configs.single("io.outpost.link.mqtt", mqtt(wired, Map.of()));
        return this;
    }

    /** A second MQTT link instance, the modem's data path: kind cellular, paid per kilobyte, no telemetry. */
    Gateway withCellularData() throws Exception {
        cellData = new TcpRelay(broker.port());
        configs.factory("io.outpost.link.mqtt.path", "cellular-data", mqtt(cellData, Map.of("linkId", "cellular-data", "kind", "cellular",
            "costPerKilobyte", 0.02, "monthlyBudget", 10.0, "priority", 15, "announce", false,
            "allowedClasses", new String[] {"ALARM", "REPLY", "LIFECYCLE", "EVENT"})));
        return this;
    }

    private Map<String, Object> mqtt(TcpRelay relay, Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>(Map.of("brokerUrl", relay.url(), "account", "acct", "clientId", "gwr",
            "profile.target", PROFILE.target(), "reconnectMinMillis", 200L, "reconnectMaxMillis", 500L, "keepAliveSeconds", 2,
            "connectTimeoutSeconds", 2, "deliveryTimeoutSeconds", 5));
        p.putAll(extra);
        return p;
    }

    Gateway withSms() throws Exception {
        smsPty = PtyPair.open();
        smsModem = CellularModemSim.on(smsPty.modemEnd());
        configs.single("io.outpost.link.cellular", Map.of("port", smsPty.linkEnd(), "hqNumber", HQ_NUMBER, "gatewayId", Hq.GATEWAY_ID,
            "key", Hq.KEY, "pollSeconds", 1, "commandTimeoutSeconds", 2));
        return this;
    }

    Gateway withSatellite(Map<String, Object> extra) throws Exception {
        sbdPty = PtyPair.open();
        sbdModem = SbdModemSim.on(sbdPty.modemEnd());
        Map<String, Object> p = new HashMap<>(Map.of("port", sbdPty.linkEnd(), "gatewayId", Hq.GATEWAY_ID, "key", Hq.KEY, "pollSeconds", 1,
            "commandTimeoutSeconds", 2, "sessionTimeoutSeconds", 10, "attemptsPerDelivery", 3, "retryMinMillis", 200L, "retryMaxMillis", 800L));
        p.putAll(extra);
        configs.single("io.outpost.link.satellite", p);
        return this;
    }

    Link link(String id) {
        return Services.find(context, Link.class, "(" + Link.ID + "=" + id + ")");
    }

    void awaitState(String id, LinkState state) {
        Await.until(WAIT, "link '" + id + "' to be " + state, () -> {
            Link l = link(id);
            return l != null && l.state() == state;
        });
    }

    /** Waits until the router routes alarms first to {@code id}. */
    void awaitAlarmRoute(String id) {
        Await.until(WAIT, "alarms routed to '" + id + "' first", () -> {
            LinkOverview o = Services.find(context, LinkOverview.class, null);
            var router = Services.find(context, io.outpost.api.router.Router.class, null);
            return o != null && router != null && router.table().links(MessageClass.ALARM).stream().findFirst().map(id::equals).orElse(false);
        });
    }

    List<String> alarmRoute() {
        return Services.find(context, io.outpost.api.router.Router.class, null).table().links(MessageClass.ALARM);
    }

    /** Takes the wired path down: new connections refused, the open one cut. */
    static void cut(TcpRelay relay) {
        relay.refuse();
        relay.cutAll();
    }

    void send(MessageClass c, int n) {
        send(c, n, Map.of());
    }

    void send(MessageClass c, int n, Map<String, Value> more) {
        Map<String, Value> metrics = new java.util.LinkedHashMap<>();
        metrics.put("n", Value.of(n));
        metrics.putAll(more);
        Services.find(context, Upstream.class, null).send(new UpstreamMessage(c, "data/site", System.currentTimeMillis(), metrics));
    }

    LinkUsage usage(String id) {
        return Services.find(context, LinkOverview.class, null).links().stream().filter(l -> l.link().equals(id)).findFirst().orElse(null);
    }

    long delivered(String id, MessageClass c) {
        LinkUsage u = usage(id);
        return u == null ? 0 : u.byClass().get(c);
    }

    long waiting(MessageClass c) {
        return Services.find(context, OutboxStatistics.class, null).snapshot().depth().get(c);
    }

    /** The payloads on the broker's data topic, in arrival order. */
    List<String> arrivals() {
        return hq.on("acct/gwr/data/site").stream().map(MqttRecorder.Received::text).toList();
    }

    @Override
    public void close() throws Exception {
        configs.close();
        Await.until(WAIT, "the outbox to stop", () -> context.getServiceReference(Upstream.class) == null);
        Await.until(WAIT, "the links to go away", () -> Services.find(context, Link.class, null) == null);
        profile.unregister();
        hq.close();
        broker.close();
        for (AutoCloseable c : new AutoCloseable[] {wired, cellData, smsModem, smsPty, sbdModem, sbdPty}) {
            if (c != null) {
                c.close();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        alone.close();
    }
}
