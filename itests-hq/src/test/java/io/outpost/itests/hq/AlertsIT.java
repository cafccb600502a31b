package io.outpost.itests.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.osgi.util.tracker.ServiceTracker;

import com.sun.net.httpserver.HttpServer;

import io.outpost.api.hq.FleetRegistry;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayState;
import io.outpost.api.hq.alert.Acknowledgement;
import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertService;
import io.outpost.api.hq.alert.RuleRecord;

/**
 * The real HQ bundles with the alert engine, the e-mail notifier talking STARTTLS and AUTH to a real SMTP server
 * (aiosmtpd) and the webhook notifier posting to a JDK HTTP server; a Paho client plays the gateway.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class AlertsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HOOK_SECRET = "it-webhook-secret-0123456789";

    static Path dir;
    static Path rules;
    static int port;
    static SmtpSink smtp;
    static HttpServer hook;
    static final List<String[]> hooks = new CopyOnWriteArrayList<>();
    static final List<Configuration> configurations = new ArrayList<>();
    static ServiceTracker<AlertService, AlertService> alertTracker;
    static ServiceTracker<FleetRegistry, FleetRegistry> fleetTracker;
    static BundleContext context;

    @BeforeAll
    static void startHq(@InjectBundleContext BundleContext ctx, @InjectService ConfigurationAdmin admin) throws Exception {
        context = ctx;
        dir = Files.createTempDirectory("hq-alerts-it");
        rules = Files.createDirectories(dir.resolve("alerts"));
        smtp = new SmtpSink(dir.resolve("smtp"), true, "hq", "mail-pass");
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            hooks.add(new String[] {new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-Outpost-Signature")});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        hook.start();
        writeRules();
        port = Await.freePort();
        configure(admin, "io.outpost.broker.local", null, Map.of("host", "127.0.0.1", "port", port));
        configure(admin, "io.outpost.hq.database", null, Map.of("url", "jdbc:h2:" + dir.resolve("hq").toAbsolutePath(), "user", "hq", "password", ""));
        configure(admin, "io.outpost.hq.fleet", null, Map.of("unknownAfterSeconds", 600L, "sweepSeconds", 1L));
        configure(admin, "io.outpost.hq.ingest", null, Map.of("brokerUri", "tcp://127.0.0.1:" + port, "clientId", "hq-alerts-it",
                "ratePerGateway", 1000.0, "rateBurst", 1000));
        configure(admin, "io.outpost.hq.alerts", null, Map.of("ruleFolder", rules.toString(), "alarmPollMillis", 100L, "evaluateMillis", 500L,
                "dispatchMillis", 100L, "instanceName", "hq-it", "publicUrl", "http://127.0.0.1:8080", "ackSecret", "it-ack-secret-0123456789",
                "retrySeconds", 1L));
        configure(admin, "io.outpost.hq.notify.mail", "it", Map.of("host", "127.0.0.1", "port", smtp.port, "security", "starttls",
                "username", "hq", "password", "mail-pass", "from", "hq@example.org", "trustHosts", "*"));
        configure(admin, "io.outpost.hq.notify.webhook", "it", Map.of("url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
                "secret", HOOK_SECRET));
        alertTracker = new ServiceTracker<>(ctx, AlertService.class, null);
        alertTracker.open();
        fleetTracker = new ServiceTracker<>(ctx, FleetRegistry.class, null);
        fleetTracker.open();
        // ingest is subscribed once a probe's garbage is answered by the broker and read by ingest: a BIRTH shows it
        Await.until("the broker and ingest", WAIT, () -> {
            try (MqttClient probe = gateway("probe", null)) {
                publish(probe, "$EDC/outpost/probe/MQTT/BIRTH", "{\"metrics\":{}}");
                probe.disconnect();
            } catch (MqttException notYet) {
                return false;
            }
            return fleet().gateway(new GatewayId("outpost", "probe")).isPresent();
        }, b -> b);
        Await.until("the alert rules", WAIT, () -> alerts().rules().stream().map(RuleRecord::name).sorted().toList(),
                r -> r.equals(List.of("flappy", "gateway-offline", "latency", "level-alarm")));
    }

    private static void writeRules() throws IOException {
        Files.writeString(rules.resolve("level.json"), """
                {"name": "level-alarm", "condition": {"type": "alarm", "device": "sim1"},
                 "notify": [{"notifier": "mail", "to": "ops@example.org"}, {"notifier": "webhook", "to": "ops-hook"}],
                 "escalate": {"after": "3s", "notifier": "mail", "to": "boss@example.org"},
                 "subject": "[{state}] {channel} {gateway}", "message": "{rule}: {detail}\\n{ackLink}"}
                """);
        Files.writeString(rules.resolve("flappy.json"), """
                {"name": "flappy", "condition": {"type": "alarm", "device": "pump"}, "digest": "4s",
                 "notify": [{"notifier": "mail", "to": "pump@example.org"}], "subject": "[{state}] pump {channel} {gateway}"}
                """);
        Files.writeString(rules.resolve("offline.json"), """
                {"name": "gateway-offline", "condition": {"type": "offline", "gateway": "outpost/gw-lwt", "for": "1s"},
                 "notify": [{"notifier": "mail", "to": "ops@example.org"}], "subject": "[{state}] offline {gateway}"}
                """);
        Files.writeString(rules.resolve("latency.json"), """
                {"name": "latency", "condition": {"type": "alarm", "device": "lat"},
                 "notify": [{"notifier": "mail", "to": "lat@example.org"}], "subject": "[{state}] lat {channel} {gateway}"}
                """);
        // a bad rule file: refused, the others keep working
        Files.writeString(rules.resolve("broken.json"), """
                {"name": "broken", "condition": {"type": "offline", "for": "soon"}, "notify": [{"notifier": "mail", "to": "x@example.org"}]}
                """);
    }

    private static void configure(ConfigurationAdmin admin, String pid, String factoryName, Map<String, Object> properties) throws IOException {
        Configuration c = factoryName == null ? admin.getConfiguration(pid, "?") : admin.getFactoryConfiguration(pid, factoryName, "?");
        Dictionary<String, Object> d = new Hashtable<>(properties);
        c.update(d);
        configurations.add(c);
    }

    @AfterAll
    static void stopHq() throws Exception {
        // in reverse: notifiers and alerts, then ingest while its broker is still up, the database, the broker last
        for (int i = configurations.size() - 1; i >= 0; i--) {
            configurations.get(i).delete();
        }
        Thread.sleep(1000);
        alertTracker.close();
        fleetTracker.close();
        hook.stop(0);
        smtp.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static AlertService alerts() {
        return Await.until("the alert service", WAIT, alertTracker::getService, s -> s != null);
    }

    static FleetRegistry fleet() {
        return Await.until("the fleet registry", WAIT, fleetTracker::getService, s -> s != null);
    }

    static MqttClient gateway(String clientId, String willTopic) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence()) {
            @Override
            public void close() throws MqttException {
                if (isConnected()) {
                    disconnect();
                }
                super.close();
            }
        };
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        if (willTopic != null) {
            options.setWill(willTopic, "{\"metrics\":{}}".getBytes(StandardCharsets.UTF_8), 1, false);
        }
        client.connect(options);
        return client;
    }

    static void publish(MqttClient client, String topic, String json) {
        try {
            client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    static final AtomicLong msgid = new AtomicLong();

    static void alarm(MqttClient gw, String gateway, String device, String channel, String state) {
        publish(gw, "outpost/" + gateway + "/alarms/" + device, "{\"sentOn\":" + System.currentTimeMillis() + ",\"metrics\":{\"channel\":\"" + channel
                + "\",\"state\":\"" + state + "\",\"limit\":\"high\",\"threshold\":90.0,\"value\":93.5,\"outpost.msgid\":" + msgid.incrementAndGet()
                + ",\"outpost.epoch\":1}}");
    }

    /** Mails whose To and Subject match, from the SMTP server's store. */
    static List<String> mails(String to, String subject) throws IOException {
        return smtp.messages().stream().filter(m -> m.contains("X-Sink-Rcpt: " + to + "\r\n") && m.contains("Subject: " + subject + "\r\n")).toList();
    }

    static List<String> awaitMails(String to, String subject, int count) {
        return Await.until(count + " mail(s) to " + to + " '" + subject + "'", WAIT, () -> {
            try {
                return mails(to, subject);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, l -> l.size() >= count);
    }

    @Test
    void anAlarmIsMailedAndPostedOncePerTransitionEscalatesAndSurvivesARestart() throws Exception {
        try (MqttClient gw = gateway("gw-al", null)) {
            publish(gw, "$EDC/outpost/gw-al/MQTT/BIRTH", "{\"metrics\":{\"model_name\":\"IT box\"}}");
            Await.until("the birth in the registry", WAIT, () -> fleet().gateway(new GatewayId("outpost", "gw-al")),
                    g -> g.isPresent() && g.get().state() == GatewayState.ONLINE);

            alarm(gw, "gw-al", "sim1", "level", "raised");
            String mail = awaitMails("ops@example.org", "[firing] level outpost/gw-al", 1).get(0);
            assertTrue(mail.contains("X-Sink-TLS: yes") && mail.contains("X-Sink-Auth: yes"), mail);
            assertTrue(mail.contains("http://127.0.0.1:8080/outpost-hq/ack?alert="), mail);
            String[] posted = Await.until("the webhook", WAIT, () -> hooks.stream().filter(h -> h[0].contains("\"kind\":\"firing\"")
                    && h[0].contains("level outpost/gw-al")).findFirst().orElse(null), h -> h != null);
            assertEquals(signature(posted[0]), posted[1], "the webhook's signature checks with the shared secret");

            alarm(gw, "gw-al", "sim1", "level", "raised"); // raised again while firing: no new transition
            // nobody acknowledges: after 3 s the second contact is told, once
            awaitMails("boss@example.org", "[escalation] level outpost/gw-al", 1);

            // a second alarm, acknowledged at once through the service: no escalation
            alarm(gw, "gw-al", "sim1", "temp", "raised");
            awaitMails("ops@example.org", "[firing] temp outpost/gw-al", 1);
            AlertRecord temp = Await.until("the temp alert", WAIT, () -> alerts().alerts(true, 50).stream()
                    .filter(a -> a.subject().equals("outpost/gw-al/sim1/temp")).findFirst().orElse(null), a -> a != null);
            assertEquals(Acknowledgement.ACKNOWLEDGED, alerts().acknowledge(temp.id(), "it"));

            // the alerts bundle stops; the clear arrives meanwhile; it starts again
            Bundle engine = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("io.outpost.hq.alerts")).findFirst().orElseThrow();
            engine.stop();
            alarm(gw, "gw-al", "sim1", "level", "cleared");
            alarm(gw, "gw-al", "sim1", "temp", "cleared");
            Thread.sleep(1000);
            engine.start();
            awaitMails("ops@example.org", "[resolved] level outpost/gw-al", 1);
            awaitMails("boss@example.org", "[resolved] level outpost/gw-al", 1);
            awaitMails("ops@example.org", "[resolved] temp outpost/gw-al", 1);
            Thread.sleep(4500); // past another escalation period and several passes after the restart
            assertEquals(1, mails("ops@example.org", "[firing] level outpost/gw-al").size(), "no duplicate after the restart");
            assertEquals(1, mails("boss@example.org", "[escalation] level outpost/gw-al").size());
            assertEquals(0, mails("boss@example.org", "[escalation] temp outpost/gw-al").size(), "acknowledged: not escalated");
            assertEquals(1, mails("ops@example.org", "[resolved] level outpost/gw-al").size());
            assertEquals(1, mails("ops@example.org", "[resolved] temp outpost/gw-al").size());
            assertEquals(2, hooks.stream().filter(h -> h[0].contains("level outpost/gw-al")).count(), "webhook: firing and resolved");
            assertTrue(hooks.stream().allMatch(h -> signature(h[0]).equals(h[1])));
        }
    }

    @Test
    void repeatsOfAFlappingAlarmGoOutAsOneDigest() throws Exception {
        try (MqttClient gw = gateway("gw-flap", null)) {
            alarm(gw, "gw-flap", "pump", "pressure", "raised");
            awaitMails("pump@example.org", "[firing] pump pressure outpost/gw-flap", 1);
            alarm(gw, "gw-flap", "pump", "pressure", "cleared");
            alarm(gw, "gw-flap", "pump", "pressure", "raised");
            alarm(gw, "gw-flap", "pump", "pressure", "cleared");
            List<String> digest = awaitMails("pump@example.org", "[digest] flappy: 3 notifications", 1);
            assertTrue(digest.get(0).contains("resolved") && digest.get(0).contains("firing"), digest.get(0));
            Thread.sleep(1000);
            assertEquals(2, smtp.messages().stream().filter(m -> m.contains("X-Sink-Rcpt: pump@example.org")).count(),
                    "four transitions, two mails: the first at once, the repeats in one digest");
        }
    }

    @Test
    void anLwtMakesTheGatewayOfflineAndTheOfflineRuleMails() throws Exception {
        GatewayId id = new GatewayId("outpost", "gw-lwt");
        try (MqttClient gw = gateway("gw-lwt", "$EDC/outpost/gw-lwt/MQTT/LWT")) {
            publish(gw, "$EDC/outpost/gw-lwt/MQTT/BIRTH", "{\"metrics\":{\"model_name\":\"IT box\"}}");
            Await.until("the birth", WAIT, () -> fleet().gateway(id), g -> g.isPresent() && g.get().state() == GatewayState.ONLINE);
            gw.disconnectForcibly(0, 1000, false);
        }
        Await.until("the LWT", WAIT, () -> fleet().gateway(id), g -> g.isPresent() && g.get().state() == GatewayState.OFFLINE);
        awaitMails("ops@example.org", "[firing] offline outpost/gw-lwt", 1);
        try (MqttClient back = gateway("gw-lwt", null)) {
            publish(back, "$EDC/outpost/gw-lwt/MQTT/BIRTH", "{\"metrics\":{}}");
            awaitMails("ops@example.org", "[resolved] offline outpost/gw-lwt", 1);
            back.disconnect();
        }
    }

    /** Alarm published → mail accepted by the SMTP server, 40 alarms one after another (the goal: p99 ≤ 1 s). */
    @Test
    void alarmToAcceptedMailLatency() throws Exception {
        int n = 40;
        long[] published = new long[n];
        try (MqttClient gw = gateway("gw-lat", null)) {
            for (int i = 0; i < n; i++) {
                published[i] = System.currentTimeMillis();
                alarm(gw, "gw-lat", "lat", "ch" + i, "raised");
                awaitMails("lat@example.org", "[firing] lat ch" + i + " outpost/gw-lat", 1);
                Thread.sleep(50);
            }
        }
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String m = mails("lat@example.org", "[firing] lat ch" + i + " outpost/gw-lat").get(0);
            long accepted = acceptedAt(m);
            latencies.add(accepted - published[i]);
        }
        List<Long> sorted = latencies.stream().sorted().toList();
        long p50 = sorted.get(n / 2);
        long p99 = sorted.get((int) Math.ceil(n * 0.99) - 1);
        System.out.println("FIGURE alarm published -> mail accepted by the SMTP server (" + n + " alarms, embedded broker, H2, STARTTLS+AUTH):"
                + " p50 " + p50 + " ms, p99 " + p99 + " ms, max " + sorted.get(n - 1) + " ms");
        assertTrue(p99 < 5000, "p99 " + p99 + " ms (a generous bound for a shared machine; the figure is printed)");
    }

    private static long acceptedAt(String mail) throws IOException {
        for (Path p : Files.list(smtp.mail).toList()) {
            String text = Files.readString(p, StandardCharsets.UTF_8).replace("\r\n ", " ").replace("\r\n\t", " ");
            if (text.equals(mail)) {
                String name = p.getFileName().toString();
                return Long.parseLong(name.substring(0, name.indexOf('-')));
            }
        }
        throw new IllegalStateException("mail not found");
    }

    static String signature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
