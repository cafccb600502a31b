package io.outpost.itests.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.OutboxAlone;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.TextProfile;

/** The real outbox bundle, the real MQTT link and a real Mosquitto: outages, backlog order, a full store. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class OutboxIT {

    private OutboxAlone alone;

    private static final String DATA = "acct/gwo/data/mixed";
    /** A readable profile for the outbox tests: topic account/client/app-topic, payload "id|class|n". */
    private static final TextProfile PROFILE = new TextProfile("text-outbox-it",
        m -> m.id() + "|" + m.message().messageClass() + "|" + m.message().metrics().get("n"));

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    @InjectService
    ServiceComponentRuntime scr;

    private ServiceRegistration<CloudProfile> profile;
    private Configurations configurations;
    private Path storeDir;

    @BeforeEach
    void setUp() throws Exception {
        alone = new OutboxAlone(context);
        profile = PROFILE.register(context);
        configurations = new Configurations(admin);
        storeDir = Files.createTempDirectory("outbox-it");
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
        profile.unregister();
        Await.until(Duration.ofSeconds(10), "the outbox to stop", () -> context.getServiceReference(Upstream.class) == null);
        try (var files = Files.walk(storeDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        alone.close();
    }

    private void configureOutbox(long maxMessages) throws Exception {
        configurations.single("io.outpost.outbox", Map.of("directory", storeDir.toString(), "maxMessages", maxMessages,
            "fsyncIntervalMillis", 20L, "links", new String[] {"wired"}));
        Await.until(Duration.ofSeconds(10), "the outbox", () -> context.getServiceReference(Upstream.class) != null);
    }

    private void configureLink(Mosquitto broker, long reconnectMillis) throws Exception {
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", broker.url(), "account", "acct", "clientId", "gwo",
            "profile.target", PROFILE.target(), "reconnectMinMillis", reconnectMillis,
            "reconnectMaxMillis", reconnectMillis));
    }

    private <T> T service(Class<T> type) {
        var ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }

    private LinkState linkState() {
        Link link = service(Link.class);
        return link == null ? null : link.state();
    }

    private static UpstreamMessage message(MessageClass c, int n) {
        return new UpstreamMessage(c, "data/mixed", System.currentTimeMillis(), Map.of("n", Value.of(n)));
    }

    /** First arrival of each n in arrival order; fails if a message arrived twice under different ids. */
    private static List<Integer> firstArrivals(List<MqttRecorder.Received> received) {
        Map<Integer, String> idOf = new HashMap<>();
        Map<Integer, Boolean> order = new LinkedHashMap<>();
        for (MqttRecorder.Received r : received) {
            String[] parts = r.text().split("\\|");
            int n = Integer.parseInt(parts[2]);
            String previous = idOf.putIfAbsent(n, parts[0]);
            assertTrue(previous == null || previous.equals(parts[0]), "message " + n + " arrived under ids " + previous + " and " + parts[0]);
            order.putIfAbsent(n, true);
        }
        return new ArrayList<>(order.keySet());
    }

    @Test
    void whatIsSentDuringAnOutageIsStoredAndArrivesByClassThenAgeWhenTheBrokerIsBack() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            configureOutbox(10_000);
            configureLink(broker, 2400);
            Await.until(Duration.ofSeconds(10), "the link to come up", () -> linkState() == LinkState.UP);
            broker.stop();
            Await.until(Duration.ofSeconds(10), "the link to notice the outage", () -> linkState() == LinkState.DOWN);

            Upstream upstream = service(Upstream.class);
            List<Integer> alarms = new ArrayList<>();
            List<Integer> events = new ArrayList<>();
            List<Integer> telemetry = new ArrayList<>();
            for (int n = 0; n < 60; n++) {
                MessageClass c = n % 3 == 0 ? MessageClass.TELEMETRY : n % 3 == 1 ? MessageClass.EVENT : MessageClass.ALARM;
                assertTrue(taken(upstream.send(message(c, n))));
                (c == MessageClass.ALARM ? alarms : c == MessageClass.EVENT ? events : telemetry).add(n);
            }
            OutboxSnapshot stored = service(OutboxStatistics.class).snapshot();
            assertEquals(60, stored.totalDepth(), "all stored during the outage");
            assertEquals(20L, stored.depth().get(MessageClass.ALARM));

            // Catch one of the link's reconnect attempts on the broker's port, then bring the broker back: the next
            // attempt is at least 1.2 s away, time enough for HQ's subscriber to be listening before the backlog flows.
            try (ServerSocket stand = new ServerSocket(broker.port(), 10, InetAddress.getLoopbackAddress())) {
                stand.setSoTimeout(15_000);
                try (Socket attempt = stand.accept()) {
                    // refused by closing
                }
            }
            broker.restart();
            try (MqttRecorder hq = new MqttRecorder(broker.url(), DATA)) {
                Await.until(Duration.ofSeconds(20), "all 60 messages at HQ", () -> hq.received().stream().map(r -> r.text().split("\\|")[2]).distinct().count() == 60);
                List<Integer> expected = new ArrayList<>(alarms);
                expected.addAll(events);
                expected.addAll(telemetry);
                assertEquals(expected, firstArrivals(hq.received()), "the backlog in class-then-age order");
                Await.until(Duration.ofSeconds(5), "the store to empty", () -> service(OutboxStatistics.class).snapshot().totalDepth() == 0);
                OutboxSnapshot after = service(OutboxStatistics.class).snapshot();
                assertTrue(after.delivered() >= 60, "delivered " + after.delivered());
                assertEquals("wired", after.links().get(0).link());
                assertTrue(after.links().get(0).status().reconnects() >= 1, "the link counted its reconnect");
            }
        }
    }

    @Test
    void anAlarmSurvivesAStoreFullOfTelemetryAndArrives() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); MqttRecorder hq = new MqttRecorder(broker.url(), DATA)) {
            configureOutbox(20);
            Upstream upstream = service(Upstream.class);
            assertTrue(taken(upstream.send(message(MessageClass.ALARM, 0))));
            for (int n = 1; n <= 200; n++) {
                assertTrue(taken(upstream.send(message(MessageClass.TELEMETRY, n))), "telemetry pushes out older telemetry");
            }
            OutboxSnapshot full = service(OutboxStatistics.class).snapshot();
            assertEquals(20, full.totalDepth());
            assertEquals(1L, full.depth().get(MessageClass.ALARM));
            assertEquals(181L, full.dropped().get(MessageClass.TELEMETRY));
            assertEquals(0L, full.dropped().get(MessageClass.ALARM));

            configureLink(broker, 200);
            Await.until(Duration.ofSeconds(15), "the alarm and the 19 newest telemetry at HQ", () -> hq.received().size() >= 20);
            List<Integer> arrived = firstArrivals(hq.received());
            List<Integer> expected = new ArrayList<>(List.of(0));
            for (int n = 182; n <= 200; n++) {
                expected.add(n);
            }
            assertEquals(expected, arrived);
        }
    }

    @Test
    void aBadConfigurationIsRefusedWithAMessageNamingTheField() throws Exception {
        configurations.single("io.outpost.outbox", Map.of("directory", storeDir.toString(), "fsyncIntervalMillis", 0L));
        Await.until(Duration.ofSeconds(10), "the outbox activation to fail", () -> failure() != null);
        assertTrue(failure().contains("fsyncIntervalMillis"), failure());
        assertEquals(null, service(Upstream.class), "no usable outbox");
    }

    /** Why SCR could not activate the outbox, or null. */
    private String failure() {
        var outbox = Bundles.find(context, "io.outpost.outbox").orElse(null);
        var description = scr.getComponentDescriptionDTO(outbox, "io.outpost.outbox.Outbox");
        if (description == null) {
            return null;
        }
        return scr.getComponentConfigurationDTOs(description).stream().map(c -> c.failure).filter(f -> f != null).findFirst().orElse(null);
    }

    /** Waits for the outbox's answer: true unless the message was refused (dropped as oldest telemetry still counts as taken). */
    static boolean taken(java.util.concurrent.CompletionStage<io.outpost.api.upstream.Acknowledgement> ack) throws Exception {
        return ack.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS).outcome()
            != io.outpost.api.upstream.Acknowledgement.Outcome.REFUSED;
    }
}
