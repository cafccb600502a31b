package io.outpost.itests.hq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
import org.osgi.util.tracker.ServiceTracker;

import io.outpost.api.hq.AlarmRecord;
import io.outpost.api.hq.Bucket;
import io.outpost.api.hq.FleetRegistry;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayRecord;
import io.outpost.api.hq.GatewayState;
import io.outpost.api.hq.IngestStatistics;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.Sample;
import io.outpost.api.hq.TelemetryQuery;

@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class HqIngestIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    static Path dir;
    static int port;
    static ConfigurationAdmin configurationAdmin;
    static final List<Configuration> configurations = new ArrayList<>();
    static ServiceTracker<FleetRegistry, FleetRegistry> fleetTracker;
    static ServiceTracker<TelemetryQuery, TelemetryQuery> queryTracker;
    static ServiceTracker<IngestStatistics, IngestStatistics> statsTracker;

    @BeforeAll
    static void startHq(@InjectBundleContext BundleContext context, @InjectService ConfigurationAdmin admin) throws Exception {
        configurationAdmin = admin;
        dir = Files.createTempDirectory("hq-it");
        port = Await.freePort();
        configure(admin, "io.outpost.broker.local", Map.of("host", "127.0.0.1", "port", port));
        configure(admin, "io.outpost.hq.database", Map.of("url", "jdbc:h2:" + dir.resolve("hq").toAbsolutePath(), "user", "hq", "password", ""));
        configure(admin, "io.outpost.hq.fleet", Map.of("unknownAfterSeconds", 3L, "sweepSeconds", 1L));
        configure(admin, "io.outpost.hq.ingest", Map.of("brokerUri", "tcp://127.0.0.1:" + port, "clientId", "hq-it",
                "ratePerGateway", 1000.0, "rateBurst", 1000));
        fleetTracker = open(context, FleetRegistry.class);
        queryTracker = open(context, TelemetryQuery.class);
        statsTracker = open(context, IngestStatistics.class);
        // ingest is subscribed once a probe message is counted
        try (MqttClient probe = Await.until("the embedded broker", WAIT, () -> {
            try {
                return gateway("probe", null);
            } catch (MqttException notYet) {
                return null;
            }
        }, c -> c != null)) {
            Await.until("ingest to receive a probe", WAIT, () -> {
                publish(probe, "outpost/probe/data/none", "not a payload");
                return stats().getOrDefault("malformed", 0L);
            }, n -> n > 0);
            probe.disconnect();
        }
    }

    private static void configure(ConfigurationAdmin admin, String pid, Map<String, Object> properties) throws IOException {
        Configuration c = admin.getConfiguration(pid, "?");
        Dictionary<String, Object> d = new Hashtable<>(properties);
        c.update(d);
        configurations.add(c);
    }

    private static <T> ServiceTracker<T, T> open(BundleContext context, Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker;
    }

    @AfterAll
    static void stopHq() throws IOException {
        for (Configuration c : configurations) {
            c.delete();
        }
        fleetTracker.close();
        queryTracker.close();
        statsTracker.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static FleetRegistry fleet() {
        return Await.until("the fleet registry", WAIT, fleetTracker::getService, s -> s != null);
    }

    static TelemetryQuery query() {
        return Await.until("the telemetry query", WAIT, queryTracker::getService, s -> s != null);
    }

    static Map<String, Long> stats() {
        IngestStatistics s = statsTracker.getService();
        return s == null ? Map.of() : s.counters();
    }

    /** A Paho client as a gateway connects: its client id, and a last will on its LWT topic when asked. */
    static MqttClient gateway(String clientId, String willTopic) throws MqttException {
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        if (willTopic != null) {
            options.setWill(willTopic, "{\"metrics\":{\"display_name\":\"it\"}}".getBytes(StandardCharsets.UTF_8), 1, false);
        }
        client.connect(options);
        return client;
    }

    static void publish(MqttClient client, String topic, String json) {
        publish(client, topic, json.getBytes(StandardCharsets.UTF_8));
    }

    static void publish(MqttClient client, String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String data(long epoch, long msgid, Instant at, double temperature) {
        return "{\"sentOn\":" + at.toEpochMilli() + ",\"metrics\":{\"temperature\":" + temperature + ",\"door\":false,"
                + "\"outpost.msgid\":" + msgid + ",\"outpost.epoch\":" + epoch + "}}";
    }

    @Test
    void birthDataWithADuplicateAndASecondEpochAndAnLwtEndInTheRegistryAndTheStore() throws Exception {
        GatewayId id = new GatewayId("outpost", "gw-it");
        try (MqttClient gw = gateway("gw-it", "$EDC/outpost/gw-it/MQTT/LWT")) {
            byte[] birth = new KuraPayloadBytes().timestamp(T0.toEpochMilli()).stringMetric("model_name", "IT box")
                    .stringMetric("application_ids", "api,link.mqtt,sampler").stringMetric("payload_encoding", "kura-protobuf").bytes();
            publish(gw, "$EDC/outpost/gw-it/MQTT/BIRTH", KuraPayloadBytes.gzip(birth));
            GatewayRecord online = Await.until("the birth in the registry", WAIT, () -> fleet().gateway(id),
                    g -> g.isPresent() && g.get().state() == GatewayState.ONLINE).orElseThrow();
            assertEquals("IT box", online.birthMetrics().get("model_name"));
            assertEquals(List.of("api", "link.mqtt", "sampler"), online.applicationIds());
            assertEquals("kura", online.profile());

            long before = stats().getOrDefault("stored", 0L);
            publish(gw, "outpost/gw-it/data/sim1", data(101, 1, T0, 20.0));
            publish(gw, "outpost/gw-it/data/sim1", data(101, 2, T0.plusSeconds(10), 22.0));
            publish(gw, "outpost/gw-it/data/sim1", data(101, 2, T0.plusSeconds(10), 99.0)); // resent: a duplicate
            publish(gw, "outpost/gw-it/data/sim1", new KuraPayloadBytes().timestamp(T0.plusSeconds(70).toEpochMilli())
                    .doubleMetric("temperature", 30.0).longMetric("outpost.msgid", 1).longMetric("outpost.epoch", 202).bytes()); // a new store
            publish(gw, "outpost/gw-it/alarms/sim1", "{\"sentOn\":" + T0.plusSeconds(70).toEpochMilli() + ",\"metrics\":{\"channel\":\"temperature\","
                    + "\"state\":\"raised\",\"limit\":\"high\",\"threshold\":25.0,\"value\":30.0,\"outpost.msgid\":3,\"outpost.epoch\":101}}");
            Await.until("four stored messages", WAIT, () -> stats().getOrDefault("stored", 0L) - before, n -> n >= 4);
            Await.until("one duplicate", WAIT, () -> stats().getOrDefault("duplicate", 0L), n -> n >= 1);

            List<Sample> samples = query().samples(id, "sim1", "temperature", T0, T0.plusSeconds(3600), 100);
            assertEquals(List.of(20.0, 22.0, 30.0), samples.stream().map(Sample::number).toList(), "the duplicate is not stored twice");
            List<Bucket> buckets = query().downsample(id, "sim1", "temperature", T0, T0.plusSeconds(3600), Duration.ofMinutes(1));
            assertEquals(List.of(new Bucket(T0, 2, 20.0, 21.0, 22.0), new Bucket(T0.plusSeconds(60), 1, 30.0, 30.0, 30.0)), buckets);
            List<AlarmRecord> alarms = query().alarms(id, T0, T0.plusSeconds(3600));
            assertEquals(List.of(new AlarmRecord(id, "sim1", "temperature", "raised", "high", 25.0, "30.0", T0.plusSeconds(70))), alarms);

            gw.disconnectForcibly(0, 1000, false); // vanishes without DISCONNECT: the broker publishes the will
        }
        GatewayRecord gone = Await.until("the LWT in the registry", WAIT, () -> fleet().gateway(id),
                g -> g.isPresent() && g.get().state() == GatewayState.OFFLINE).orElseThrow();
        assertEquals(Optional.of(LifecycleEvent.LWT), gone.lastEvent());
    }

    @Test
    void theRealGatewayBundlesTalkToHqBirthProtobufGzipDataAnAlarmAndADisconnect() throws Exception {
        GatewayId id = new GatewayId("outpost", "gw-real");
        Path outbox = Files.createTempDirectory("hq-it-outbox");
        List<Configuration> gateway = new ArrayList<>();
        try {
            gateway.add(single("io.outpost.profile.kura", Map.of("encoding", "protobuf", "gzip", true)));
            gateway.add(single("io.outpost.outbox", Map.of("directory", outbox.toString(), "fsyncIntervalMillis", "20")));
            Configuration link = single("io.outpost.link.mqtt", Map.of("brokerUrl", "tcp://127.0.0.1:" + port, "account", "outpost",
                    "clientId", "gw-real", "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
            gateway.add(link);
            GatewayRecord born = Await.until("the real gateway's birth", WAIT, () -> fleet().gateway(id),
                    g -> g.isPresent() && g.get().lastBirth().isPresent() && g.get().applicationIds().contains("link.mqtt")).orElseThrow();
            assertEquals("kura-protobuf", born.birthMetrics().get("payload_encoding"));
            assertTrue(born.birthMetrics().containsKey("jvm_version"), born.birthMetrics().toString());

            gateway.add(factory("io.outpost.filter.rule", "hq-it-level", Map.of("device", "hq-it-dev", "channel", "level",
                    "low", "19", "high", "25", "hysteresis", "0.5", "deadband", "1")));
            Thread.sleep(500); // the rule is a component of its own: let it come up before the device starts
            gateway.add(factory("io.outpost.device", "hq-it-dev", Map.of("name", "hq-it-dev", "driver", "sim", "pollMillis", "150",
                    "channel.level.valueType", "double", "channel.level.waveform", "sequence", "channel.level.values", "20,22,26,27,24.8,24,22")));
            Instant from = Instant.now().minusSeconds(60);
            List<AlarmRecord> alarms = Await.until("the raised and cleared alarms of the real gateway", WAIT,
                    () -> query().alarms(id, from, Instant.now().plusSeconds(60)), a -> a.size() >= 2);
            assertEquals(List.of("raised high 25.0 26.0", "cleared high 25.0 24.0"),
                    alarms.subList(0, 2).stream().map(a -> a.state() + " " + a.limit() + " " + a.threshold() + " " + a.value()).toList());
            List<Sample> levels = Await.until("the level samples", WAIT,
                    () -> query().samples(id, "hq-it-dev", "level", from, Instant.now().plusSeconds(60), 100), l -> l.size() >= 3);
            assertEquals(List.of(20.0, 22.0, 24.8), levels.subList(0, 3).stream().map(Sample::number).toList(),
                    "what the filter let through, in order, once each");

            link.delete(); // a clean stop: the link says goodbye with DC
            GatewayRecord gone = Await.until("the DC in the registry", WAIT, () -> fleet().gateway(id),
                    g -> g.isPresent() && g.get().state() == GatewayState.OFFLINE).orElseThrow();
            assertEquals(Optional.of(LifecycleEvent.DC), gone.lastEvent());
        } finally {
            for (Configuration c : gateway) {
                try {
                    c.delete();
                } catch (IllegalStateException alreadyDeleted) {
                    // the link, deleted by the test itself
                }
            }
        }
    }

    private static Configuration single(String pid, Map<String, Object> properties) throws IOException {
        Configuration c = configurationAdmin.getConfiguration(pid, "?");
        c.update(new Hashtable<>(properties));
        return c;
    }

    private static Configuration factory(String factoryPid, String name, Map<String, Object> properties) throws IOException {
        Configuration c = configurationAdmin.getFactoryConfiguration(factoryPid, name, "?");
        c.update(new Hashtable<>(properties));
        return c;
    }

    @Test
    void badInputIsCountedStoresNothingAndHqKeepsWorking() throws Exception {
        try (MqttClient gw = gateway("gw-bad", null)) {
            Map<String, Long> before = stats();
            publish(gw, "outpost/gw-bad/data/sim1", new byte[] {0x1f, (byte) 0x8b, 1, 2, 3}); // gzip magic, corrupt
            publish(gw, "outpost/gw-bad/data/sim1", "{\"metrics\": {\"t\": [1]}}");
            publish(gw, "outpost/gw bad/data/sim1", data(1, 1, T0, 1.0)); // odd client id
            publish(gw, "outpost/gw-bad/weather/now", data(1, 1, T0, 1.0)); // unknown app topic
            publish(gw, "outpost/gw-bad/data/sim1", data(5, 1, T0, 1.0)); // and then a good one
            Await.until("the good message after the bad ones", WAIT, () -> query().samples(new GatewayId("outpost", "gw-bad"), "sim1",
                    "temperature", T0, T0.plusSeconds(1), 10), s -> s.size() == 1);
            Map<String, Long> after = stats();
            assertEquals(2L, after.getOrDefault("malformed", 0L) - before.getOrDefault("malformed", 0L));
            assertEquals(2L, after.getOrDefault("rejected-topic", 0L) - before.getOrDefault("rejected-topic", 0L));
            assertTrue(fleet().byClientId("gw bad").isEmpty(), "an odd client id is not registered");
            gw.disconnect();
        }
    }

    @Test
    void aGatewaySilentWithoutLwtBecomesUnknown() throws Exception {
        GatewayId id = new GatewayId("outpost", "gw-quiet");
        try (MqttClient gw = gateway("gw-quiet", null)) {
            publish(gw, "$EDC/outpost/gw-quiet/MQTT/BIRTH", "{\"metrics\":{\"model_name\":\"quiet\"}}");
            Await.until("the birth", WAIT, () -> fleet().gateway(id), g -> g.isPresent());
            gw.disconnect(); // a clean MQTT disconnect: no will, and no DC message either
        }
        Await.until("the silent gateway to become unknown", WAIT, () -> fleet().gateway(id).orElseThrow().state(),
                s -> s == GatewayState.UNKNOWN);
    }
}
