package io.outpost.itests.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outpost.hq.cli.HqCli;

/**
 * Alerts, acknowledgements, rules and silences over HQ's REST API on real Felix HTTP, with the real alert engine,
 * the e-mail notifier and a real SMTP server (aiosmtpd); a Paho client plays the gateway. The e-mail's
 * acknowledgement link is followed as a person would: GET (a page, nothing changes), then the page's POST.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class AlertsApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ACK_SECRET = "it-ack-secret-for-the-api-0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path dir;
    static int mqttPort;
    static int httpPort;
    static String admin;
    static SmtpSink smtp;
    static final List<Configuration> configurations = new ArrayList<>();
    static ConfigurationAdmin configurationAdmin;
    static final HttpClient http = HttpClient.newHttpClient();
    static final AtomicLong msgid = new AtomicLong();

    @BeforeAll
    static void startHq(@InjectBundleContext BundleContext context, @InjectService ConfigurationAdmin cm) throws Exception {
        configurationAdmin = cm;
        dir = Files.createTempDirectory("hq-alerts-api-it");
        Path rules = Files.createDirectories(dir.resolve("alerts"));
        Files.writeString(rules.resolve("tank.json"), """
                {"name": "tank-alarm", "condition": {"type": "alarm", "device": "tank"},
                 "notify": [{"notifier": "mail", "to": "ops@example.org"}],
                 "escalate": {"after": "5s", "notifier": "mail", "to": "boss@example.org"},
                 "subject": "[{state}] {channel} {gateway}", "message": "{rule}: {detail}\\n{ackLink}"}
                """);
        smtp = new SmtpSink(dir.resolve("smtp"), true, "hq", "mail-pass");
        mqttPort = Await.freePort();
        httpPort = Await.freePort();
        configure("io.outpost.broker.local", null, Map.of("host", "127.0.0.1", "port", mqttPort));
        configure("io.outpost.hq.database", null, Map.of("url", "jdbc:h2:" + dir.resolve("hq").toAbsolutePath(), "user", "hq", "password", ""));
        configure("io.outpost.hq.ingest", null, Map.of("brokerUri", "tcp://127.0.0.1:" + mqttPort, "clientId", "hq-alerts-api-it",
                "ratePerGateway", 1000.0, "rateBurst", 1000));
        configure("io.outpost.hq.rest", null, Map.of("adminTokenFile", dir.resolve("admin-token").toString()));
        configure("org.apache.felix.http", null, Map.of("org.apache.felix.http.enable", "true", "org.apache.felix.http.host", "127.0.0.1",
                "org.osgi.service.http.port", String.valueOf(httpPort)));
        configure("io.outpost.hq.alerts", null, Map.of("ruleFolder", rules.toString(), "alarmPollMillis", 100L, "evaluateMillis", 500L,
                "dispatchMillis", 100L, "instanceName", "hq-api-it", "publicUrl", "http://127.0.0.1:" + httpPort, "ackSecret", ACK_SECRET,
                "retrySeconds", 1L));
        configure("io.outpost.hq.notify.mail", "api-it", Map.of("host", "127.0.0.1", "port", smtp.port, "security", "starttls",
                "username", "hq", "password", "mail-pass", "from", "hq@example.org", "trustHosts", "*"));
        admin = Await.until("the first admin token file", WAIT, () -> {
            try {
                return Files.readString(dir.resolve("admin-token")).strip();
            } catch (IOException notYet) {
                return null;
            }
        }, t -> t != null && !t.isEmpty());
        Await.until("the alerts endpoint and the file rule", WAIT, () -> {
            HttpResponse<String> r = call("GET", "/api/v1/rules/tank-alarm", admin, null);
            return r.statusCode();
        }, s -> s == 200);
        // ingest is subscribed once a probe's birth reaches the registry
        Await.until("the broker and ingest", WAIT, () -> {
            try (MqttClient probe = gateway("probe-alerts-api")) {
                publish(probe, "$EDC/outpost/probe-alerts-api/MQTT/BIRTH", "{\"metrics\":{}}");
                probe.disconnect();
            } catch (MqttException notYet) {
                return false;
            }
            return call("GET", "/api/v1/gateways/probe-alerts-api", admin, null).statusCode() == 200;
        }, b -> b);
    }

    private static void configure(String pid, String factoryName, Map<String, Object> properties) throws IOException {
        Configuration c = factoryName == null ? configurationAdmin.getConfiguration(pid, "?")
                : configurationAdmin.getFactoryConfiguration(pid, factoryName, "?");
        Dictionary<String, Object> d = new Hashtable<>(properties);
        c.update(d);
        configurations.add(c);
    }

    @AfterAll
    static void stopHq(@InjectBundleContext BundleContext context) throws Exception {
        for (int i = configurations.size() - 1; i >= 0; i--) {
            configurations.get(i).delete();
        }
        Await.until("the broker and the database to stop", WAIT, () -> {
            try {
                return context.getServiceReferences("io.outpost.broker.local.LocalBroker", null) == null
                        && context.getServiceReferences("io.outpost.api.hq.FleetRegistry", null) == null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }, gone -> gone);
        smtp.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static MqttClient gateway(String clientId) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + mqttPort, clientId, new MemoryPersistence()) {
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

    static void alarm(MqttClient gw, String gateway, String device, String channel, String state) {
        publish(gw, "outpost/" + gateway + "/alarms/" + device, "{\"sentOn\":" + System.currentTimeMillis() + ",\"metrics\":{\"channel\":\"" + channel
                + "\",\"state\":\"" + state + "\",\"limit\":\"high\",\"threshold\":90.0,\"value\":93.5,\"outpost.msgid\":" + msgid.incrementAndGet()
                + ",\"outpost.epoch\":1}}");
    }

    static HttpResponse<String> call(String method, String path, String token, String body) {
        return call(http, method, path, token, body);
    }

    static HttpResponse<String> call(HttpClient client, String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", path.startsWith("/outpost-hq/") ? "application/x-www-form-urlencoded" : "application/json");
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The mails to {@code to} whose subject is {@code subject}, their bodies decoded (the notifier writes quoted-printable). */
    static List<String> mails(String to, String subject) {
        try {
            return smtp.messages().stream().filter(m -> m.contains("X-Sink-Rcpt: " + to + "\r\n") && m.contains("Subject: " + subject + "\r\n"))
                    .map(AlertsApiIT::unquote).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> awaitMails(String to, String subject, int count) {
        return Await.until(count + " mail(s) to " + to + " '" + subject + "'", WAIT, () -> mails(to, subject), l -> l.size() >= count);
    }

    private static String unquote(String mail) {
        String soft = mail.replace("=\r\n", "");
        Matcher m = Pattern.compile("=([0-9A-F]{2})").matcher(soft);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static JsonNode awaitAlert(String subject) {
        return Await.until("the alert of " + subject, WAIT, () -> {
            try {
                for (JsonNode a : json(call("GET", "/api/v1/alerts?state=all", admin, null)).path("alerts")) {
                    if (a.path("subject").asText().equals(subject)) {
                        return a;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, a -> a != null);
    }

    static JsonNode alert(long id) throws IOException {
        HttpResponse<String> r = call("GET", "/api/v1/alerts/" + id, admin, null);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private static String cli(int expectedStatus, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HqCli.run(List.of(args), Map.of("OUTPOST_HQ_URL", "http://127.0.0.1:" + httpPort, "OUTPOST_HQ_TOKEN", admin), null,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String both = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, both);
        return both;
    }

    @Test
    void anAlarmIsListedAcknowledgedOverTheApiAndThenNotEscalated() throws Exception {
        try (MqttClient gw = gateway("gw-ack")) {
            alarm(gw, "gw-ack", "tank", "level", "raised");
            alarm(gw, "gw-ack", "tank", "temp", "raised");
            awaitMails("ops@example.org", "[firing] level outpost/gw-ack", 1);
            awaitMails("ops@example.org", "[firing] temp outpost/gw-ack", 1);

            JsonNode listed = null;
            for (JsonNode a : json(call("GET", "/api/v1/alerts", admin, null)).path("alerts")) {
                if (a.path("subject").asText().equals("outpost/gw-ack/tank/level")) {
                    listed = a;
                }
            }
            assertTrue(listed != null, "GET /api/v1/alerts lists the firing alert");
            assertEquals("tank-alarm", listed.path("rule").asText());
            assertEquals("firing", listed.path("state").asText());
            assertFalse(listed.path("acked").asBoolean());
            long level = listed.path("id").asLong();
            long temp = awaitAlert("outpost/gw-ack/tank/temp").path("id").asLong();

            HttpResponse<String> ack = call("POST", "/api/v1/alerts/" + level + "/ack", admin, null);
            assertEquals(200, ack.statusCode(), ack.body());
            assertEquals("acknowledged", json(ack).path("result").asText());
            assertEquals("admin", json(ack).path("alert").path("ackedBy").asText(), "who: the token's name");
            HttpResponse<String> again = call("POST", "/api/v1/alerts/" + level + "/ack", admin, null);
            assertEquals(409, again.statusCode());
            assertEquals("already_acknowledged", json(again).path("error").asText());
            assertEquals(404, call("POST", "/api/v1/alerts/99999999/ack", admin, null).statusCode());
            HttpResponse<String> bad = call("POST", "/api/v1/alerts/level/ack", admin, null);
            assertEquals(400, bad.statusCode());
            assertEquals("id", json(bad).path("parameter").asText());
            assertEquals(405, call("DELETE", "/api/v1/alerts/" + level, admin, null).statusCode());

            JsonNode one = alert(level);
            assertTrue(one.path("acked").asBoolean(), one.toString());
            assertEquals("firing", one.path("state").asText());
            assertTrue(Instant.parse(one.path("ackedAt").asText()).isAfter(Instant.parse(one.path("firedAt").asText()).minusSeconds(1)));
            assertTrue(json(call("GET", "/api/v1/alerts?acked=true", admin, null)).toString().contains("\"id\":" + level + ","));
            assertFalse(json(call("GET", "/api/v1/alerts?acked=false", admin, null)).toString().contains("\"id\":" + level + ","));
            HttpResponse<String> badState = call("GET", "/api/v1/alerts?state=open", admin, null);
            assertEquals(400, badState.statusCode());
            assertEquals("state", json(badState).path("parameter").asText());

            // the unacknowledged one escalates after 5 s; the acknowledged one does not
            awaitMails("boss@example.org", "[escalation] temp outpost/gw-ack", 1);
            Thread.sleep(1500); // several evaluations past the escalation time
            assertEquals(0, mails("boss@example.org", "[escalation] level outpost/gw-ack").size(), "acknowledged: not escalated");

            // the CLI over the same API
            String out = cli(0, "alerts");
            assertTrue(out.matches("(?s).*\\n" + level + "\\s+firing\\s+by admin\\s+tank-alarm\\s+outpost/gw-ack/tank/level.*"), out);
            assertTrue(out.matches("(?s).*\\n" + temp + "\\s+firing\\s+-\\s+tank-alarm\\s+outpost/gw-ack/tank/temp.*"), out);
            out = cli(0, "ack", Long.toString(temp));
            assertTrue(out.contains("alert " + temp + " acknowledged by admin (tank-alarm, outpost/gw-ack/tank/temp)"), out);
            out = cli(1, "ack", Long.toString(temp));
            assertTrue(out.contains("HQ answered 409: alert " + temp + " was acknowledged before by admin"), out);

            // resolved before anyone acknowledged it: nothing to acknowledge
            alarm(gw, "gw-ack", "tank", "flow", "raised");
            awaitMails("ops@example.org", "[firing] flow outpost/gw-ack", 1);
            alarm(gw, "gw-ack", "tank", "flow", "cleared");
            awaitMails("ops@example.org", "[resolved] flow outpost/gw-ack", 1);
            long flow = awaitAlert("outpost/gw-ack/tank/flow").path("id").asLong();
            HttpResponse<String> resolved = call("POST", "/api/v1/alerts/" + flow + "/ack", admin, null);
            assertEquals(409, resolved.statusCode());
            assertEquals("already_resolved", json(resolved).path("error").asText());
            assertTrue(json(call("GET", "/api/v1/alerts?state=resolved", admin, null)).toString().contains("\"id\":" + flow + ","));
            assertFalse(json(call("GET", "/api/v1/alerts", admin, null)).toString().contains("\"id\":" + flow + ","), "firing only");
        }
    }

    @Test
    void theMailsLinkShowsAPageOnGetAcknowledgesOnPostAndAForgedOrExpiredOneIs403() throws Exception {
        try (MqttClient gw = gateway("gw-link")) {
            alarm(gw, "gw-link", "tank", "level", "raised");
            String mail = awaitMails("ops@example.org", "[firing] level outpost/gw-link", 1).get(0);
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:" + httpPort + "(/outpost-hq/ack\\?alert=(\\d+)&exp=(\\d+)&sig=([A-Za-z0-9_-]+))").matcher(mail);
            assertTrue(m.find(), mail);
            String link = m.group(1);
            long id = Long.parseLong(m.group(2));
            long exp = Long.parseLong(m.group(3));
            String sig = m.group(4);
            long days = Duration.between(Instant.now(), Instant.ofEpochSecond(exp)).toHours();
            assertTrue(days >= 7 * 24 - 1 && days <= 7 * 24, "valid for ackLinkDays (7): " + days + " h");

            HttpResponse<String> page = call("GET", link, null, null);
            assertEquals(200, page.statusCode(), page.body());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(page.body().contains("<form method=\"post\" action=\"ack\">") && page.body().contains("Acknowledge alert " + id), page.body());
            assertTrue(page.body().contains("outpost/gw-link/tank/level"), page.body());
            assertEquals(200, call("GET", link, null, null).statusCode(), "a mail scanner may follow it again");
            assertFalse(alert(id).path("acked").asBoolean(), "a GET changes nothing");

            String forgedSig = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
            String forged = "/outpost-hq/ack?alert=" + id + "&exp=" + exp + "&sig=" + forgedSig;
            HttpResponse<String> refused = call("GET", forged, null, null);
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("not an acknowledgement link HQ made"), refused.body());
            assertEquals(403, call("GET", "/outpost-hq/ack?alert=" + id + "&exp=" + (exp + 3600) + "&sig=" + sig, null, null).statusCode(),
                    "a longer life is not signed");
            assertEquals(403, call("POST", "/outpost-hq/ack", null, "alert=" + id + "&exp=" + exp + "&sig=" + forgedSig).statusCode());
            long past = Instant.now().minusSeconds(60).getEpochSecond();
            HttpResponse<String> expired = call("POST", "/outpost-hq/ack", null, "alert=" + id + "&exp=" + past + "&sig=" + sign(id, past));
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("expired"), expired.body());
            assertEquals(400, call("GET", "/outpost-hq/ack?alert=" + id, null, null).statusCode(), "incomplete");
            assertFalse(alert(id).path("acked").asBoolean(), "forged and expired links change nothing");

            // the page's button: a form POST of the same parameters, without a token
            HttpResponse<String> done = call("POST", "/outpost-hq/ack", null, "alert=" + id + "&exp=" + exp + "&sig=" + sig);
            assertEquals(200, done.statusCode(), done.body());
            assertTrue(done.body().contains("Acknowledged"), done.body());
            assertEquals("mail-link", alert(id).path("ackedBy").asText());
            assertEquals(409, call("POST", "/outpost-hq/ack", null, "alert=" + id + "&exp=" + exp + "&sig=" + sig).statusCode());
            assertTrue(call("GET", link, null, null).body().contains("already acknowledged"));

            Instant fired = Instant.parse(alert(id).path("firedAt").asText());
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), fired.plusMillis(6500)).toMillis())); // past the 5 s escalation
            assertEquals(0, mails("boss@example.org", "[escalation] level outpost/gw-link").size(), "acknowledged by the link: not escalated");
        }
    }

    /** The link's signature as docs/hq.md describes it: HMAC-SHA256 of "ack:<id>:<exp>" with ackSecret, base64url. */
    private static String sign(long id, long exp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ACK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("ack:" + id + ":" + exp).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aRulePutThroughTheApiIsCheckedLikeAFileAndThenActive() throws Exception {
        HttpResponse<String> bad = call("PUT", "/api/v1/rules/pump-api", admin, """
                {"condition": {"type": "offline", "for": "soon"}, "notify": [{"notifier": "mail", "to": "pump@example.org"}]}
                """);
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("condition.for", json(bad).path("field").asText(), bad.body());
        assertTrue(json(bad).path("message").asText().contains("'condition.for' \"soon\" is not a duration"), bad.body());
        assertEquals(404, call("GET", "/api/v1/rules/pump-api", admin, null).statusCode(), "nothing changed");
        HttpResponse<String> typo = call("PUT", "/api/v1/rules/pump-api", admin, """
                {"condition": {"type": "alarm"}, "notify": [{"notifier": "mail", "to": "pump@example.org"}], "escalte": {}}
                """);
        assertEquals("escalte", json(typo).path("field").asText(), typo.body());
        HttpResponse<String> other = call("PUT", "/api/v1/rules/pump-api", admin, """
                {"name": "pump-other", "condition": {"type": "alarm"}, "notify": [{"notifier": "mail", "to": "pump@example.org"}]}
                """);
        assertEquals(400, other.statusCode());
        assertEquals("name", json(other).path("field").asText());
        HttpResponse<String> notJson = call("PUT", "/api/v1/rules/pump-api", admin, "{\"condition\": ");
        assertEquals(400, notJson.statusCode());
        assertEquals("bad_field", json(notJson).path("error").asText());

        String rule = """
                {"condition": {"type": "alarm", "device": "pump"}, "notify": [{"notifier": "mail", "to": "pump@example.org"}],
                 "subject": "[{state}] pump {channel} {gateway}"}
                """;
        HttpResponse<String> created = call("PUT", "/api/v1/rules/pump-api", admin, rule);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("api", json(created).path("source").asText());
        assertEquals("pump-api", json(created).path("rule").path("name").asText(), "the path's name is the rule's");
        JsonNode rules = json(call("GET", "/api/v1/rules", admin, null));
        assertTrue(rules.toString().contains("\"name\":\"pump-api\",\"source\":\"api\""), rules.toString());
        assertTrue(rules.toString().contains("\"name\":\"tank-alarm\",\"source\":\"file:"), rules.toString());

        try (MqttClient gw = gateway("gw-rule")) {
            alarm(gw, "gw-rule", "pump", "pressure", "raised");
            awaitMails("pump@example.org", "[firing] pump pressure outpost/gw-rule", 1);
        }
        assertEquals(200, call("PUT", "/api/v1/rules/pump-api", admin, rule.replace("[{state}] pump", "[{state}] pump!")).statusCode(), "replaced");
        assertTrue(json(call("GET", "/api/v1/rules/pump-api", admin, null)).path("rule").path("subject").asText().contains("pump!"));

        HttpResponse<String> file = call("PUT", "/api/v1/rules/tank-alarm", admin, rule);
        assertEquals(409, file.statusCode());
        assertEquals("rule_file", json(file).path("error").asText());
        assertEquals(409, call("DELETE", "/api/v1/rules/tank-alarm", admin, null).statusCode());
        assertEquals(204, call("DELETE", "/api/v1/rules/pump-api", admin, null).statusCode());
        assertEquals(404, call("DELETE", "/api/v1/rules/pump-api", admin, null).statusCode());
        assertEquals(404, call("GET", "/api/v1/rules/pump-api", admin, null).statusCode());
    }

    @Test
    void aSilenceMadeThroughTheApiHoldsBackTheMailOfAMatchingAlarm() throws Exception {
        HttpResponse<String> r = call("POST", "/api/v1/silences", admin, "{\"rule\": \"*\", \"for\": \"soon\"}");
        assertEquals(400, r.statusCode());
        assertEquals("for", json(r).path("field").asText());
        assertEquals("until", json(call("POST", "/api/v1/silences", admin, "{\"rule\": \"*\"}")).path("field").asText());
        assertEquals("colour", json(call("POST", "/api/v1/silences", admin, "{\"rule\": \"*\", \"for\": \"1h\", \"colour\": \"red\"}")).path("field").asText());
        assertEquals("rule", json(call("POST", "/api/v1/silences", admin, "{\"rule\": \"no such!\", \"for\": \"1h\"}")).path("field").asText());
        assertEquals("until", json(call("POST", "/api/v1/silences", admin, "{\"rule\": \"*\", \"until\": \"2001-01-01T00:00:00Z\"}")).path("field").asText());

        HttpResponse<String> created = call("POST", "/api/v1/silences", admin,
                "{\"rule\": \"tank-alarm\", \"subjectPrefix\": \"outpost/gw-quiet\", \"for\": \"1h\", \"reason\": \"pump swap\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode silence = json(created);
        assertEquals("admin", silence.path("createdBy").asText());
        long id = silence.path("id").asLong();
        assertEquals(3600, Duration.between(Instant.parse(silence.path("from").asText()), Instant.parse(silence.path("until").asText())).toSeconds());
        assertTrue(json(call("GET", "/api/v1/silences", admin, null)).toString().contains("\"reason\":\"pump swap\""));

        try (MqttClient quiet = gateway("gw-quiet"); MqttClient loud = gateway("gw-loud")) {
            alarm(quiet, "gw-quiet", "tank", "level", "raised");
            alarm(loud, "gw-loud", "tank", "level", "raised");
            awaitMails("ops@example.org", "[firing] level outpost/gw-loud", 1);
            awaitAlert("outpost/gw-quiet/tank/level"); // recorded, only not told
            Thread.sleep(1500);
            assertEquals(0, mails("ops@example.org", "[firing] level outpost/gw-quiet").size(), "silenced");
        }
        assertEquals(204, call("DELETE", "/api/v1/silences/" + id, admin, null).statusCode());
        assertEquals(404, call("DELETE", "/api/v1/silences/" + id, admin, null).statusCode(), "ended before");
        assertFalse(json(call("GET", "/api/v1/silences", admin, null)).toString().contains("\"id\":" + id + ","));
    }

    @Test
    void withoutAValidTokenEveryAlertsEndpointIs401ButTheMailLinkIsNot() throws Exception {
        String[][] calls = {{"GET", "/api/v1/alerts"}, {"GET", "/api/v1/alerts/1"}, {"POST", "/api/v1/alerts/1/ack"}, {"GET", "/api/v1/rules"},
            {"GET", "/api/v1/rules/tank-alarm"}, {"PUT", "/api/v1/rules/x"}, {"DELETE", "/api/v1/rules/x"}, {"GET", "/api/v1/silences"},
            {"POST", "/api/v1/silences"}, {"DELETE", "/api/v1/silences/1"}};
        for (String[] c : calls) {
            String body = c[0].equals("GET") || c[0].equals("DELETE") ? null : "{\"rule\": \"*\", \"for\": \"1h\"}";
            // a client of its own for each: Jetty closes the connection after refusing a request whose body it did
            // not read, and a pooled connection would then fail the next request (a client concern, not HQ's)
            HttpResponse<String> none = call(HttpClient.newHttpClient(), c[0], c[1], null, body);
            assertEquals(401, none.statusCode(), c[0] + " " + c[1]);
            assertEquals("unauthorized", json(none).path("error").asText());
            assertEquals(401, call(HttpClient.newHttpClient(), c[0], c[1], admin + "x", body).statusCode(), c[0] + " " + c[1] + " with a wrong token");
        }
        assertEquals(1, json(call("GET", "/api/v1/rules", admin, null)).path("rules").size(), "nothing was put or silenced");
        assertEquals(400, call("GET", "/outpost-hq/ack", null, null).statusCode(), "the link needs no token (but its parameters)");
    }

    /** Latency of the alerts endpoints on this machine (figures printed; the bound is generous for a shared box). */
    @Test
    void latencyOfListingAndAcknowledging() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (MqttClient gw = gateway("gw-lat-api")) {
            for (int i = 0; i < 50; i++) {
                alarm(gw, "gw-lat-api", "tank", "c" + i, "raised");
            }
            Await.until("50 alerts", WAIT, () -> {
                try {
                    return json(call("GET", "/api/v1/alerts?limit=1000", admin, null)).path("alerts").findValuesAsText("subject").stream()
                            .filter(x -> x.startsWith("outpost/gw-lat-api/")).count();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, n -> n == 50);
        }
        for (JsonNode a : json(call("GET", "/api/v1/alerts?limit=1000", admin, null)).path("alerts")) {
            if (a.path("subject").asText().startsWith("outpost/gw-lat-api/")) {
                ids.add(a.path("id").asLong());
            }
        }
        for (int i = 0; i < 20; i++) {
            call("GET", "/api/v1/alerts", admin, null);
        }
        long[] list = new long[200];
        for (int i = 0; i < list.length; i++) {
            long t = System.nanoTime();
            assertEquals(200, call("GET", "/api/v1/alerts", admin, null).statusCode());
            list[i] = System.nanoTime() - t;
        }
        long[] ack = new long[ids.size()];
        for (int i = 0; i < ack.length; i++) {
            long t = System.nanoTime();
            assertEquals(200, call("POST", "/api/v1/alerts/" + ids.get(i) + "/ack", admin, null).statusCode());
            ack[i] = System.nanoTime() - t;
        }
        int firing = json(call("GET", "/api/v1/alerts", admin, null)).path("alerts").size();
        System.out.println("FIGURE GET /api/v1/alerts (" + firing + " firing alerts, 200 requests, H2, loopback): p50 " + ms(list, 0.5)
                + " ms, p99 " + ms(list, 0.99) + " ms; POST /api/v1/alerts/{id}/ack (" + ack.length + "): p50 " + ms(ack, 0.5) + " ms, p99 "
                + ms(ack, 0.99) + " ms");
        assertTrue(Double.parseDouble(ms(list, 0.99)) < 2000, "p99 of the list");
    }

    private static String ms(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return String.format(java.util.Locale.ROOT, "%.1f", sorted[(int) Math.ceil(sorted.length * quantile) - 1] / 1e6);
    }
}
