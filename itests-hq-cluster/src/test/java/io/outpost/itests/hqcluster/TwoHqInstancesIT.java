package io.outpost.itests.hqcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.outpost.testing.postgres.PostgresCluster;
import io.outpost.testing.smtp.SmtpSink;

/**
 * Issue 14, item 7: two HQ instances (two assembled distributions, two JVMs) on one real PostgreSQL and one real
 * Mosquitto 2 with a shared subscription for the data ({@code $share/hq-it/+/+/#}, MQTT 3.1.1 clients; the lifecycle
 * topics are subscribed plainly by both, see IngestSettings.topicFilters). Gateways publish data
 * (with repeats of the same msgid) and alarms; one instance is killed with SIGKILL in the middle of a burst and
 * started again later. The database must hold every message once, the SMTP server must have every notification
 * once, and both instances must have done part of the work.
 */
class TwoHqInstancesIT {

    private static final int GATEWAYS = 12;
    private static final int PER_PHASE = 150;
    private static final int REPEATS = 15;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String RULE = """
            {"name": "it-alarm", "condition": {"type": "alarm", "device": "sim1"},
             "notify": [{"notifier": "mail", "to": "ops@example.org"}], "subject": "[{state}] {channel} {gateway}"}
            """;

    static Path work;
    static PostgresCluster postgres;
    static Mosquitto mosquitto;
    static SmtpSink smtp;
    static HqInstance a;
    static HqInstance b;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of(System.getProperty("outpost.hq.work", "target/instances"));
        if (Files.exists(work)) { // a fresh folder: an earlier run's mails must not count
            try (java.util.stream.Stream<Path> old = Files.walk(work)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        Files.createDirectories(work);
        postgres = new PostgresCluster();
        mosquitto = new Mosquitto(work.resolve("mosquitto"), 100);
        smtp = new SmtpSink(work.resolve("smtp"));
        a = new HqInstance("hq-a", work, postgres.url(), mosquitto.uri(), "hq-it", smtp.port(), RULE);
        b = new HqInstance("hq-b", work, postgres.url(), mosquitto.uri(), "hq-it", smtp.port(), RULE);
        // a first, so that it creates the schema and the admin token; b finds both (tokens live in the database)
        a.start();
        token = await("hq-a's admin token", () -> {
            try {
                return a.adminToken();
            } catch (java.io.IOException e) {
                return null;
            }
        }, t -> t != null);
        b.start();
        await("both instances' ingest", () -> a.ingestCounters(token) != null && b.ingestCounters(token) != null, ok -> ok);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, smtp, mosquitto, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void twoInstancesStoreEachMessageOnceAndMailEachTransitionOnceAlsoWhenOneIsKilled() throws Exception {
        List<MqttClient> gateways = new ArrayList<>();
        for (int g = 0; g < GATEWAYS; g++) {
            gateways.add(gateway("gw-" + g));
        }
        ExecutorService pool = Executors.newFixedThreadPool(GATEWAYS);
        try {
            // phase 1, both up: birth, data 1..150 with 1..15 again, the alarm raised (msgid 151)
            runAll(pool, gateways, (gw, id) -> {
                publish(gw, "$EDC/outpost/" + id + "/MQTT/BIRTH", "{\"metrics\":{\"model_name\":\"two-instance IT\"}}");
                for (int m = 1; m <= PER_PHASE; m++) {
                    data(gw, id, m);
                }
                for (int m = 1; m <= REPEATS; m++) {
                    data(gw, id, m);
                }
                alarm(gw, id, PER_PHASE + 1, "raised");
            });
            int afterPhase1 = GATEWAYS * (PER_PHASE + 1);
            await("phase 1 stored", TwoHqInstancesIT::storedMessages, n -> n == afterPhase1);
            // every data and alarm message reached exactly one instance, and each repeat was a duplicate there
            int phase1Deliveries = GATEWAYS * (PER_PHASE + REPEATS + 1);
            await("phase 1 counted", () -> {
                Map<String, Long> ca = a.ingestCounters(token);
                Map<String, Long> cb = b.ingestCounters(token);
                return stored(ca) + stored(cb) + count(ca, "duplicate") + count(cb, "duplicate");
            }, n -> n >= phase1Deliveries);
            Map<String, Long> a1 = a.ingestCounters(token);
            Map<String, Long> b1 = b.ingestCounters(token);
            System.out.println("after phase 1: hq-a " + a1 + ", hq-b " + b1);
            assertTrue(stored(a1) > 0 && stored(b1) > 0, "both instances stored part of phase 1: a " + a1 + ", b " + b1);
            assertEquals(phase1Deliveries, stored(a1) + stored(b1) + count(a1, "duplicate") + count(b1, "duplicate"), a1 + " " + b1);
            assertEquals(afterPhase1, stored(a1) + stored(b1), "stored once: " + a1 + " " + b1);
            assertEquals(GATEWAYS * REPEATS, count(a1, "duplicate") + count(b1, "duplicate"), "each repeat was a duplicate");
            // lifecycle topics are not shared (Mosquitto 2.0.11 gives no '$' topic to a shared subscription): both take every birth
            assertEquals(GATEWAYS, count(a1, "lifecycle"), "hq-a saw every birth: " + a1);
            assertEquals(GATEWAYS, count(b1, "lifecycle"), "hq-b saw every birth: " + b1);
            awaitMails("[firing] level", GATEWAYS);

            // phase 2: data 152..301 and 152..166 again; hq-b is killed with SIGKILL a tenth of the way through
            List<Future<?>> burst = startAll(pool, gateways, (gw, id) -> {
                for (int m = PER_PHASE + 2; m <= 2 * PER_PHASE + 1; m++) {
                    data(gw, id, m);
                    sleep(10); // about 2 s for the burst, so that the kill falls inside it

                }
                for (int m = PER_PHASE + 2; m <= PER_PHASE + 1 + REPEATS; m++) {
                    data(gw, id, m);
                }
            });
            await("part of phase 2 stored", TwoHqInstancesIT::storedMessages, n -> n > afterPhase1 + GATEWAYS * PER_PHASE / 10);
            b.kill();
            long aAtKill = stored(a.ingestCounters(token));
            long rowsAtKill = storedMessages();
            for (Future<?> f : burst) {
                f.get();
            }
            // hq-a carries on alone: its count grows after the kill
            await("hq-a storing after hq-b was killed", () -> stored(a.ingestCounters(token)), n -> n > aAtKill + GATEWAYS * 10);
            System.out.println("hq-b killed at " + rowsAtKill + " rows; hq-a went on to " + a.ingestCounters(token));
            // hq-b's share waits in its persistent session at the broker; it takes it when it is back (systemd restarts it)
            b.start();
            int afterPhase2 = GATEWAYS * (2 * PER_PHASE + 1);
            await("phase 2 stored (hq-b's backlog included)", TwoHqInstancesIT::storedMessages, n -> n == afterPhase2);
            Map<String, Long> b2 = await("hq-b back", () -> b.ingestCounters(token), c -> c != null && stored(c) > 0);

            // phase 3: the alarm cleared (msgid 302)
            runAll(pool, gateways, (gw, id) -> alarm(gw, id, 2 * PER_PHASE + 2, "cleared"));
            int total = GATEWAYS * (2 * PER_PHASE + 2);
            await("every message stored", TwoHqInstancesIT::storedMessages, n -> n == total);
            awaitMails("[resolved] level", GATEWAYS);
            Thread.sleep(3000); // anything sent twice would show up by now (dispatch runs every 100 ms)

            Map<String, Long> a3 = a.ingestCounters(token);
            Map<String, Long> b3 = b.ingestCounters(token);
            System.out.println("end: hq-a " + a3 + ", hq-b (since its restart) " + b3);
            assertTrue(stored(b2) > 0, "the restarted hq-b stored its backlog");
            try (Connection c = database(); Statement s = c.createStatement()) {
                ResultSet r = s.executeQuery("SELECT client_id, COUNT(*), COUNT(DISTINCT msgid), MIN(msgid), MAX(msgid) FROM message GROUP BY client_id");
                int rows = 0;
                while (r.next()) {
                    if (r.getString(1).startsWith("gw-")) {
                        rows++;
                        assertEquals(2 * PER_PHASE + 2, r.getInt(2), r.getString(1) + ": messages");
                        assertEquals(2 * PER_PHASE + 2, r.getInt(3), r.getString(1) + ": distinct msgids");
                        assertEquals(1, r.getLong(4));
                        assertEquals(2 * PER_PHASE + 2, r.getLong(5));
                    }
                }
                assertEquals(GATEWAYS, rows, "every gateway's messages");
                r = s.executeQuery("SELECT COUNT(*) FROM sample s JOIN message m ON m.id = s.message_id WHERE m.client_id LIKE 'gw-%'");
                r.next();
                assertEquals(GATEWAYS * 2 * PER_PHASE * 2, r.getInt(1), "two samples per data message, each once");
                r = s.executeQuery("SELECT COUNT(*) FROM gateway g JOIN gateway_birth_metric b ON b.account = g.account AND b.client_id = g.client_id"
                        + " WHERE g.client_id LIKE 'gw-%' AND g.state = 'online' AND g.last_event = 'BIRTH' AND b.metric_name = 'model_name'");
                r.next();
                assertEquals(GATEWAYS, r.getInt(1), "every gateway registered online from its birth, with its birth metrics");
                r = s.executeQuery("SELECT claimed_by, COUNT(*) FROM notification WHERE state = 'sent' GROUP BY claimed_by ORDER BY claimed_by");
                Map<String, Integer> senders = new TreeMap<>();
                while (r.next()) {
                    senders.put(r.getString(1), r.getInt(2));
                }
                System.out.println("notifications sent by instance: " + senders);
                assertEquals(2 * GATEWAYS, senders.values().stream().mapToInt(Integer::intValue).sum(), "notifications sent " + senders);
            }
            for (int g = 0; g < GATEWAYS; g++) {
                assertEquals(1, mails("[firing] level outpost/gw-" + g), "one firing mail for gw-" + g);
                assertEquals(1, mails("[resolved] level outpost/gw-" + g), "one resolved mail for gw-" + g);
            }
            assertEquals(2 * GATEWAYS, smtp.messages().size(), "no other mail");
        } finally {
            pool.shutdownNow();
            for (MqttClient gw : gateways) {
                gw.disconnect();
                gw.close();
            }
        }
    }

    interface GatewayWork {
        void run(MqttClient gw, String id) throws Exception;
    }

    private static List<Future<?>> startAll(ExecutorService pool, List<MqttClient> gateways, GatewayWork work) {
        List<Future<?>> futures = new ArrayList<>();
        for (MqttClient gw : gateways) {
            futures.add(pool.submit(() -> {
                work.run(gw, gw.getClientId());
                return null;
            }));
        }
        return futures;
    }

    private static void runAll(ExecutorService pool, List<MqttClient> gateways, GatewayWork work) throws Exception {
        for (Future<?> f : startAll(pool, gateways, work)) {
            f.get();
        }
    }

    private static MqttClient gateway(String id) throws MqttException {
        MqttClient client = new MqttClient(mosquitto.uri(), id, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(100);
        client.connect(options);
        return client;
    }

    private static void data(MqttClient gw, String id, int msgid) throws MqttException {
        publish(gw, "outpost/" + id + "/data/sim1", "{\"sentOn\":" + System.currentTimeMillis() + ",\"metrics\":{\"temperature\":"
                + (20 + msgid % 7) + ".5,\"level\":" + msgid + ",\"outpost.msgid\":" + msgid + ",\"outpost.epoch\":1}}");
    }

    private static void alarm(MqttClient gw, String id, int msgid, String state) throws MqttException {
        publish(gw, "outpost/" + id + "/alarms/sim1", "{\"sentOn\":" + System.currentTimeMillis() + ",\"metrics\":{\"channel\":\"level\",\"state\":\""
                + state + "\",\"limit\":\"high\",\"threshold\":90.0,\"value\":93.5,\"outpost.msgid\":" + msgid + ",\"outpost.epoch\":1}}");
    }

    private static void publish(MqttClient gw, String topic, String json) throws MqttException {
        gw.publish(topic, json.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(postgres.url(), "hq", "");
    }

    static long storedMessages() {
        try (Connection c = database(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM message WHERE client_id LIKE 'gw-%'")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            return -1; // the schema may not be there yet
        }
    }

    private static long stored(Map<String, Long> counters) {
        return count(counters, "stored");
    }

    private static long count(Map<String, Long> counters, String name) {
        return counters == null ? 0 : counters.getOrDefault(name, 0L);
    }

    private static long mails(String subject) {
        return smtp.messages().stream().filter(m -> m.contains("Subject: " + subject + "\r\n")).count();
    }

    private static void awaitMails(String subjectStart, int count) {
        await(count + " mails '" + subjectStart + " ...'", () -> smtp.messages().stream().filter(m -> m.contains("Subject: " + subjectStart)).count(),
                n -> n >= count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(WAIT);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (last != null && done.test(last)) {
                return last;
            }
            sleep(100);
        }
        String consoles;
        try {
            consoles = "\n--- hq-a ---\n" + tail(a.console()) + "\n--- hq-b ---\n" + tail(b.console());
        } catch (Exception e) {
            consoles = "";
        }
        throw new AssertionError("waited " + WAIT.toSeconds() + " s for " + what + "; last seen: " + last + consoles);
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }
}
