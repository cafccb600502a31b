package io.outpost.itests.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.TelemetryQuery;
import io.outpost.api.hq.token.ApiTokens;
import io.outpost.api.hq.token.IssuedToken;
import io.outpost.hq.cli.HqCli;

/**
 * HQ's REST API on real Felix HTTP (Jetty 12) over real HTTP, with data a Paho client publishes as a gateway through
 * the embedded broker: token authentication, the endpoints, 400s, the OpenAPI description against the servlets
 * really registered, retention by size, and the CLI's code run against it.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path dir;
    static int mqttPort;
    static int httpPort;
    static String admin;
    static final List<Configuration> configurations = new ArrayList<>();
    static ConfigurationAdmin configurationAdmin;
    static ServiceTracker<ApiTokens, ApiTokens> tokens;
    static ServiceTracker<TelemetryQuery, TelemetryQuery> query;
    static ServiceTracker<HttpServiceRuntime, HttpServiceRuntime> runtime;
    static final HttpClient http = HttpClient.newHttpClient();
    static Instant started;

    @BeforeAll
    static void startHq(@InjectBundleContext BundleContext context, @InjectService ConfigurationAdmin admin) throws Exception {
        configurationAdmin = admin;
        dir = Files.createTempDirectory("hq-api-it");
        mqttPort = Await.freePort();
        httpPort = Await.freePort();
        configure("io.outpost.broker.local", Map.of("host", "127.0.0.1", "port", mqttPort));
        configure("io.outpost.hq.database", Map.of("url", "jdbc:h2:" + dir.resolve("hq").toAbsolutePath(), "user", "hq", "password", ""));
        configure("io.outpost.hq.ingest", Map.of("brokerUri", "tcp://127.0.0.1:" + mqttPort, "clientId", "hq-api-it",
                "ratePerGateway", 1000.0, "rateBurst", 1000));
        configure("io.outpost.hq.rest", Map.of("adminTokenFile", dir.resolve("admin-token").toString()));
        configure("org.apache.felix.http", Map.of("org.apache.felix.http.enable", "true", "org.apache.felix.http.host", "127.0.0.1",
                "org.osgi.service.http.port", String.valueOf(httpPort)));
        tokens = open(context, ApiTokens.class);
        query = open(context, TelemetryQuery.class);
        runtime = open(context, HttpServiceRuntime.class);
        started = Instant.now();
        ApiIT.admin = Await.until("the first admin token file", WAIT, () -> {
            try {
                return Files.readString(dir.resolve("admin-token")).strip();
            } catch (IOException notYet) {
                return null;
            }
        }, t -> t != null && !t.isEmpty());
        Await.until("the API answering", WAIT, () -> status("/api/v1/fleet", ApiIT.admin), s -> s == 200);
        // ingest is subscribed once it has counted a probe
        try (MqttClient probe = Await.until("the embedded broker", WAIT, ApiIT::connectOrNull, c -> c != null)) {
            TelemetryQuery q = Await.until("the telemetry query", WAIT, query::getService, s -> s != null);
            Await.until("ingest storing a probe", WAIT, () -> {
                publish(probe, "outpost/probe-api/data/p", "{\"metrics\":{\"x\":1}}");
                return q.channels(new GatewayId("outpost", "probe-api"));
            }, c -> !c.isEmpty());
            probe.disconnect();
        }
    }

    private static MqttClient connectOrNull() {
        try {
            MqttClient c = new MqttClient("tcp://127.0.0.1:" + mqttPort, "probe-api", new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            c.connect(o);
            return c;
        } catch (MqttException notYet) {
            return null;
        }
    }

    private static void configure(String pid, Map<String, Object> properties) throws IOException {
        Configuration c = configurationAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> d = new Hashtable<>(properties);
        c.update(d);
        configurations.add(c);
    }

    private static <T> ServiceTracker<T, T> open(BundleContext context, Class<T> type) {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        return t;
    }

    @AfterAll
    static void stopHq(@InjectBundleContext BundleContext context) throws Exception {
        // in reverse: ingest leaves the broker while it is still there (a broker gone first leaves Paho reconnecting)
        for (int i = configurations.size() - 1; i >= 0; i--) {
            configurations.get(i).delete();
        }
        // the next test class configures the same pids: let this HQ be gone first
        Await.until("the broker and the database to stop", WAIT, () -> {
            try {
                return context.getServiceReferences("io.outpost.broker.local.LocalBroker", null) == null
                        && context.getServiceReferences("io.outpost.api.hq.FleetRegistry", null) == null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }, gone -> gone);
        tokens.close();
        query.close();
        runtime.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void publish(MqttClient client, String topic, String json) {
        try {
            client.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int status(String path, String token) {
        try {
            return get(path, token).statusCode();
        } catch (IllegalStateException notYet) {
            return -1;
        }
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void everyRequestNeedsAnActiveTokenAndTheFirstOneIsInAnOwnerOnlyFile() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("admin-token"))));
        HttpResponse<String> none = get("/api/v1/fleet", null);
        assertEquals(401, none.statusCode());
        assertEquals("unauthorized", json(none).path("error").asText());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, get("/api/v1/fleet", admin + "x").statusCode(), "a wrong token");
        assertEquals(401, get("/api/v1/openapi.json", "hq_nope").statusCode(), "every servlet of the context");
        assertEquals(401, get("/api/v1/gateways/anything/telemetry", null).statusCode());
        assertEquals(200, get("/api/v1/fleet", admin).statusCode());

        IssuedToken ops = tokens.getService().create("ops-" + System.nanoTime());
        assertEquals(200, get("/api/v1/fleet", ops.secret()).statusCode());
        tokens.getService().revoke(ops.token().name());
        HttpResponse<String> revoked = get("/api/v1/fleet", ops.secret());
        assertEquals(401, revoked.statusCode(), "a revoked token");
        assertTrue(json(revoked).path("message").asText().contains("revoked"), revoked.body());
    }

    @Test
    void theEndpointsAnswerWhatAGatewayPublished() throws Exception {
        Instant t0 = Instant.now().minusSeconds(600);
        try (MqttClient gw = new MqttClient("tcp://127.0.0.1:" + mqttPort, "gw-api", new MemoryPersistence())) {
            gw.connect();
            publish(gw, "$EDC/outpost/gw-api/MQTT/BIRTH", "{\"metrics\":{\"model_name\":\"API box\",\"application_ids\":\"sampler,link.mqtt\"}}");
            for (int i = 0; i < 6; i++) {
                publish(gw, "outpost/gw-api/data/sim1", "{\"sentOn\":" + t0.plusSeconds(60L * i).toEpochMilli()
                        + ",\"metrics\":{\"temperature\":" + (20 + i) + ",\"state\":\"ok\",\"outpost.msgid\":" + (i + 1) + ",\"outpost.epoch\":5}}");
            }
            publish(gw, "outpost/gw-api/alarms/sim1", "{\"sentOn\":" + t0.plusSeconds(300).toEpochMilli() + ",\"metrics\":{\"channel\":\"temperature\","
                    + "\"state\":\"raised\",\"limit\":\"high\",\"threshold\":24.0,\"value\":25.0,\"outpost.msgid\":7,\"outpost.epoch\":5}}");
            Await.until("six samples", WAIT, () -> query.getService().count(new GatewayId("outpost", "gw-api"), "sim1", "temperature",
                    t0.minusSeconds(1), t0.plusSeconds(3600)), n -> n == 6);
            Await.until("the alarm", WAIT, () -> query.getService().alarms(new GatewayId("outpost", "gw-api"), t0, t0.plusSeconds(3600)).size(), n -> n == 1);
            gw.disconnect();
        }

        JsonNode fleet = json(get("/api/v1/fleet", admin));
        JsonNode g = null;
        for (JsonNode n : fleet.path("gateways")) {
            if (n.path("id").asText().equals("outpost/gw-api")) {
                g = n;
            }
        }
        assertTrue(g != null, fleet.toString());
        assertEquals("API box", g.path("model").asText());
        assertEquals(List.of("sampler", "link.mqtt"), List.of(g.path("applicationIds").get(0).asText(), g.path("applicationIds").get(1).asText()));

        JsonNode detail = json(get("/api/v1/gateways/gw-api", admin));
        assertEquals("outpost/gw-api", detail.path("id").asText());
        assertEquals("API box", detail.path("birthMetrics").path("model_name").asText());
        JsonNode temperature = null;
        for (JsonNode c : detail.path("channels")) {
            if (c.path("channel").asText().equals("temperature")) {
                temperature = c;
            }
        }
        assertEquals(25.0, temperature.path("last").path("value").asDouble(), detail.toString());
        assertEquals(json(get("/api/v1/gateways/gw-api?account=outpost", admin)).path("id").asText(), "outpost/gw-api");

        String range = "&since=" + t0.minusSeconds(1) + "&until=" + t0.plusSeconds(600);
        JsonNode raw = json(get("/api/v1/gateways/gw-api/telemetry?device=sim1&channel=temperature" + range + "&limit=4", admin));
        assertEquals(6, raw.path("count").asLong());
        assertEquals(4, raw.path("samples").size(), "the newest 4");
        assertEquals(22.0, raw.path("samples").get(0).path("value").asDouble());
        JsonNode text = json(get("/api/v1/gateways/gw-api/telemetry?device=sim1&channel=state" + range, admin));
        assertEquals("ok", text.path("samples").get(0).path("text").asText());
        JsonNode buckets = json(get("/api/v1/gateways/gw-api/telemetry?device=sim1&channel=temperature&since=" + t0
                + "&until=" + t0.plusSeconds(360) + "&buckets=2", admin));
        assertEquals(180_000, buckets.path("bucketMillis").asLong());
        assertEquals(2, buckets.path("buckets").size());
        assertEquals(3, buckets.path("buckets").get(0).path("count").asLong());
        assertEquals(20.0, buckets.path("buckets").get(0).path("min").asDouble());
        assertEquals(21.0, buckets.path("buckets").get(0).path("avg").asDouble());
        assertEquals(25.0, buckets.path("buckets").get(1).path("max").asDouble());

        JsonNode alarms = json(get("/api/v1/gateways/gw-api/alarms?since=" + t0 + "&until=" + t0.plusSeconds(3600), admin));
        assertEquals(1, alarms.path("alarms").size());
        assertEquals("raised", alarms.path("alarms").get(0).path("state").asText());
        assertEquals(24.0, alarms.path("alarms").get(0).path("threshold").asDouble());

        // the CLI's own code, as bin/outpost-hq-cli runs it, against this HQ
        Map<String, String> env = Map.of("OUTPOST_HQ_URL", "http://127.0.0.1:" + httpPort, "OUTPOST_HQ_TOKEN", admin);
        String out = cli(env, 0, "fleet");
        assertTrue(out.contains("outpost/gw-api") && out.contains("API box"), out);
        out = cli(env, 0, "gateway", "gw-api");
        assertTrue(out.matches("(?s).*sim1\\s+temperature\\s+25\\.0.*"), out);
        assertTrue(out.matches("(?s).*alarms of the last 24 h: 1\n.*sim1\\s+temperature\\s+raised\\s+high\\s+24\\.0.*"), out);
        out = cli(env, 0, "telemetry", "outpost/gw-api", "sim1", "temperature", "--since", "15m");
        assertTrue(out.contains("6 of 6 sample(s)"), out);
        out = cli(env, 0, "telemetry", "gw-api", "sim1", "temperature", "--since", "15m", "--buckets", "3");
        assertTrue(out.contains("BUCKET START"), out);
        String err = cli(env, 1, "telemetry", "gw-api", "sim1", "temperature", "--since", "soon");
        assertTrue(err.contains("HQ answered 400: 'since' 'soon'"), err);
        err = cli(Map.of("OUTPOST_HQ_URL", "http://127.0.0.1:" + httpPort, "OUTPOST_HQ_TOKEN", "hq_wrong"), 1, "fleet");
        assertTrue(err.contains("HQ answered 401"), err);
        // the alerts feature is in this framework too (AlertsApiIT tests it): no rule, no alert
        out = cli(env, 0, "alerts");
        assertTrue(out.contains("no alert is firing"), out);
    }

    private static String cli(Map<String, String> env, int expectedStatus, String... args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = HqCli.run(List.of(args), env, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String both = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, both);
        return both;
    }

    @Test
    void badInputIsA400NamingTheParameterAndUnknownsAre404() throws Exception {
        HttpResponse<String> r = get("/api/v1/gateways/probe-api/telemetry?channel=x", admin);
        assertEquals(400, r.statusCode());
        assertEquals("device", json(r).path("parameter").asText());
        r = get("/api/v1/gateways/probe-api/telemetry?device=p&channel=x&since=tomorrow", admin);
        assertEquals(400, r.statusCode());
        assertEquals("since", json(r).path("parameter").asText());
        assertTrue(json(r).path("message").asText().contains("'tomorrow'"), r.body());
        r = get("/api/v1/gateways/probe-api/telemetry?device=p&channel=x&buckets=0", admin);
        assertEquals("buckets", json(r).path("parameter").asText());
        r = get("/api/v1/gateways/probe-api/telemetry?device=p&channel=x&limit=99999", admin);
        assertEquals("limit", json(r).path("parameter").asText());
        r = get("/api/v1/gateways/probe-api/telemetry?device=p&channel=x&since=1h&until=2h", admin);
        assertEquals(400, r.statusCode(), "since after until");
        r = get("/api/v1/gateways/probe-api/alarms?until=never", admin);
        assertEquals("until", json(r).path("parameter").asText());
        assertEquals(404, get("/api/v1/gateways/nobody", admin).statusCode());
        assertEquals(404, get("/api/v1/gateways/probe-api/whatever", admin).statusCode());
        assertEquals(404, get("/api/v1/gateways/nobody?account=outpost", admin).statusCode());
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/fleet"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals(200, get("/api/v1/fleet", admin).statusCode(), "still up");
    }

    @Test
    void theOpenApiDescriptionCoversEveryServletOfTheContextAndNothingElse() throws Exception {
        JsonNode doc = json(get("/api/v1/openapi.json", admin));
        assertTrue(doc.path("openapi").asText().startsWith("3."), doc.path("openapi").toString());
        Set<String> described = new TreeSet<>();
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext();) {
            described.add(it.next());
        }
        Set<String> patterns = new TreeSet<>();
        for (ServletContextDTO context : runtime.getService().getRuntimeDTO().servletContextDTOs) {
            // the API's context, and the e-mail's acknowledgement link (no token; its own context at /outpost-hq)
            if (context.name.equals("outpost-hq-api") || context.name.equals("outpost-hq-ack")) {
                String prefix = context.contextPath.equals("/") ? "" : context.contextPath;
                for (ServletDTO servlet : context.servletDTOs) {
                    for (String pattern : servlet.patterns) {
                        patterns.add(prefix + pattern);
                    }
                }
            }
        }
        assertTrue(patterns.contains("/api/v1/fleet"), patterns.toString());
        assertTrue(patterns.containsAll(List.of("/api/v1/alerts/*", "/api/v1/rules/*", "/api/v1/silences", "/outpost-hq/ack")), patterns.toString());
        for (String pattern : patterns) {
            assertTrue(described.stream().anyMatch(p -> matches(pattern, p)), "servlet " + pattern + " is not described in openapi.json");
        }
        for (String path : described) {
            assertTrue(patterns.stream().anyMatch(p -> matches(p, path)), "openapi.json describes " + path + " which no servlet serves");
        }
    }

    /** Whether a servlet pattern ({@code /a/b} exact, {@code /a/*} prefix) serves an OpenAPI path. */
    private static boolean matches(String pattern, String path) {
        if (pattern.endsWith("/*")) {
            return path.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(path);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void retentionBySizeRunsInHqAndDeletesTheOldestMessages() throws Exception {
        GatewayId id = new GatewayId("outpost", "gw-retention");
        Instant t0 = Instant.now().minusSeconds(100);
        try (MqttClient gw = new MqttClient("tcp://127.0.0.1:" + mqttPort, "gw-retention", new MemoryPersistence())) {
            gw.connect();
            for (int i = 0; i < 10; i++) {
                publish(gw, "outpost/gw-retention/data/d", "{\"sentOn\":" + t0.plusSeconds(i).toEpochMilli()
                        + ",\"metrics\":{\"level\":" + i + ",\"outpost.msgid\":" + (i + 1) + ",\"outpost.epoch\":1}}");
            }
            Await.until("ten samples", WAIT, () -> query.getService().count(id, "d", "level", t0, t0.plusSeconds(60)), n -> n == 10);
            gw.disconnect();
        }
        Configuration retention = configurationAdmin.getConfiguration("io.outpost.hq.retention", "?");
        try {
            // the last test of the class: keep the newest 3 samples of the whole database, which are this gateway's
            retention.update(new Hashtable<>(Map.of("maxAgeDays", 0L, "maxSamples", 3L, "firstRunSeconds", 0L,
                    "intervalMinutes", 1L, "batchSize", 2, "batchPauseMillis", 0L)));
            List<Double> left = Await.until("retention to delete all but the newest 3 samples", WAIT,
                    () -> query.getService().samples(id, "d", "level", t0, t0.plusSeconds(60), 100).stream()
                            .map(io.outpost.api.hq.Sample::number).toList(), l -> l.size() <= 3);
            assertEquals(List.of(7.0, 8.0, 9.0), left, "the oldest went first");
            assertEquals(List.of("d/level"), query.getService().channels(id));
            assertEquals(List.of(), query.getService().channels(new GatewayId("outpost", "probe-api")), "older messages of others went too");
        } finally {
            retention.delete();
        }
    }
}
