package io.outpost.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.outpost.api.hq.AlarmRecord;
import io.outpost.api.hq.Bucket;
import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayRecord;
import io.outpost.api.hq.GatewayState;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.Metric;
import io.outpost.api.hq.Sample;
import io.outpost.api.hq.StoreOutcome;

abstract class StoreContract {

    private static final GatewayId GW = new GatewayId("outpost", "gw-1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    HqDatabase database;
    JdbcIngestStore store;
    JdbcFleetRegistry registry;
    JdbcTelemetryQuery query;

    /** The settings of an empty database for one test. */
    abstract DatabaseSettings settings() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = new HqDatabase(settings());
        store = new JdbcIngestStore(database);
        registry = new JdbcFleetRegistry(database);
        query = new JdbcTelemetryQuery(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static IncomingMessage data(long epoch, long msgid, Instant at, double temperature) {
        return new IncomingMessage(GW, "sim1", MessageClass.DATA, OptionalLong.of(epoch), OptionalLong.of(msgid), at,
                new DecodedPayload(Optional.of(at), List.of(new Metric("temperature", temperature), new Metric("door", true),
                        new Metric("outpost.msgid", msgid), new Metric("outpost.epoch", epoch))));
    }

    @Test
    void storesAMessageOnceAndADuplicateNotAtAll() {
        assertEquals(StoreOutcome.STORED, store.store(data(7, 1, T0, 20.0)));
        assertEquals(StoreOutcome.DUPLICATE, store.store(data(7, 1, T0, 99.0)));
        List<Sample> samples = query.samples(GW, "sim1", "temperature", T0, T0.plusSeconds(1), 100);
        assertEquals(1, samples.size());
        assertEquals(20.0, samples.get(0).number());
        assertEquals(List.of("sim1/door", "sim1/temperature"), query.channels(GW), "the envelope metrics are not channels");
    }

    @Test
    void theSameIdInAnotherEpochIsANewMessage() {
        assertEquals(StoreOutcome.STORED, store.store(data(7, 1, T0, 20.0)));
        assertEquals(StoreOutcome.STORED, store.store(data(8, 1, T0.plusSeconds(1), 21.0)));
        assertEquals(2, query.samples(GW, "sim1", "temperature", T0, T0.plusSeconds(10), 100).size());
    }

    @Test
    void aSecondInstanceOnTheSameDatabaseFindsTheSchemaAndStoresNothingTwice() throws SQLException {
        store.store(data(7, 1, T0, 20.0));
        HqDatabase second = new HqDatabase(database.settings());
        try {
            assertEquals(StoreOutcome.DUPLICATE, new JdbcIngestStore(second).store(data(7, 1, T0, 20.0)));
            assertEquals(StoreOutcome.STORED, new JdbcIngestStore(second).store(data(7, 2, T0, 20.0)));
            assertEquals(StoreOutcome.DUPLICATE, store.store(data(7, 2, T0, 20.0)));
        } finally {
            second.close();
        }
    }

    @Test
    void aBatchStoresEachMessageOnceWithItsSamplesAndAlarmsAndAnswersInOrder() {
        assertEquals(StoreOutcome.STORED, store.store(data(7, 2, T0, 1.0)));
        IncomingMessage alarm = new IncomingMessage(GW, "sim1", MessageClass.ALARM, OptionalLong.of(7), OptionalLong.of(5), T0.plusSeconds(4),
                new DecodedPayload(Optional.of(T0.plusSeconds(4)), List.of(new Metric("channel", "temperature"), new Metric("state", "raised"),
                        new Metric("limit", "high"), new Metric("threshold", 30.0), new Metric("value", "31.5"))));
        IncomingMessage noId = new IncomingMessage(GW, "sim1", MessageClass.DATA, OptionalLong.empty(), OptionalLong.empty(), T0.plusSeconds(6),
                new DecodedPayload(Optional.of(T0.plusSeconds(6)), List.of(new Metric("temperature", 6.0))));
        List<StoreOutcome> outcomes = store.storeAll(List.of(data(7, 1, T0.plusSeconds(1), 10.0), data(7, 2, T0.plusSeconds(2), 99.0),
                data(7, 3, T0.plusSeconds(3), 30.0), alarm, data(7, 3, T0.plusSeconds(5), 98.0), noId, noId));
        assertEquals(List.of(StoreOutcome.STORED, StoreOutcome.DUPLICATE, StoreOutcome.STORED, StoreOutcome.STORED, StoreOutcome.DUPLICATE,
                StoreOutcome.STORED, StoreOutcome.STORED), outcomes, "a repeat of a stored one and a repeat inside the batch are duplicates");
        assertEquals(List.of(1.0, 10.0, 30.0, 6.0, 6.0), query.samples(GW, "sim1", "temperature", T0, T0.plusSeconds(10), 100).stream()
                .map(Sample::number).toList(), "each stored message's samples once, none of the duplicates'");
        assertEquals(3, query.count(GW, "sim1", "door", T0, T0.plusSeconds(10)));
        assertEquals(List.of(new AlarmRecord(GW, "sim1", "temperature", "raised", "high", 30.0, "31.5", T0.plusSeconds(4))),
                query.alarms(GW, T0, T0.plusSeconds(10)));
        assertEquals(List.of(), store.storeAll(List.of()));
    }

    @Test
    void aBatchLargerThanOneSampleInsertKeepsEverySample() {
        List<IncomingMessage> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 450; i++) {
            batch.add(data(1, i + 1, T0.plusMillis(i), i));
        }
        assertTrue(store.storeAll(batch).stream().allMatch(o -> o == StoreOutcome.STORED));
        assertEquals(450, query.count(GW, "sim1", "temperature", T0, T0.plusSeconds(10)));
        assertEquals(450, query.count(GW, "sim1", "door", T0, T0.plusSeconds(10)));
        assertTrue(store.storeAll(batch).stream().allMatch(o -> o == StoreOutcome.DUPLICATE), "the same batch again: all duplicates");
        assertEquals(450, query.count(GW, "sim1", "temperature", T0, T0.plusSeconds(10)));
    }

    @Test
    void twoInstancesStoringOverlappingBatchesAtOnceStoreEachMessageOnce() throws Exception {
        HqDatabase second = new HqDatabase(database.settings());
        try {
            JdbcIngestStore other = new JdbcIngestStore(second);
            java.util.concurrent.atomic.AtomicInteger stored = new java.util.concurrent.atomic.AtomicInteger();
            Thread[] writers = new Thread[2];
            for (int w = 0; w < 2; w++) {
                JdbcIngestStore s = w == 0 ? store : other;
                writers[w] = new Thread(() -> {
                    for (int b = 0; b < 20; b++) {
                        List<IncomingMessage> batch = new java.util.ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            batch.add(data(1, b * 50 + i + 1, T0.plusMillis(b * 50 + i), i));
                        }
                        stored.addAndGet((int) s.storeAll(batch).stream().filter(o -> o == StoreOutcome.STORED).count());
                    }
                });
                writers[w].start();
            }
            for (Thread t : writers) {
                t.join();
            }
            assertEquals(1000, stored.get(), "every message stored by exactly one of the two");
            assertEquals(1000, query.count(GW, "sim1", "temperature", T0, T0.plusSeconds(10)));
        } finally {
            second.close();
        }
    }

    @Test
    void downsamplesIntoMinAvgMaxPerBucket() {
        for (int i = 0; i < 120; i++) {
            store.store(data(1, i + 1, T0.plusSeconds(i), i));
        }
        assertEquals(List.of(117.0, 118.0, 119.0), query.latestSamples(GW, "sim1", "temperature", T0, T0.plusSeconds(120), 3)
                .stream().map(Sample::number).toList());
        assertEquals(List.of(0.0, 1.0), query.samples(GW, "sim1", "temperature", T0, T0.plusSeconds(120), 2).stream().map(Sample::number).toList());
        assertEquals(120, query.count(GW, "sim1", "temperature", T0, T0.plusSeconds(120)));
        List<Bucket> buckets = query.downsample(GW, "sim1", "temperature", T0, T0.plusSeconds(120), Duration.ofMinutes(1));
        assertEquals(2, buckets.size());
        assertEquals(new Bucket(T0, 60, 0, 29.5, 59), buckets.get(0));
        assertEquals(new Bucket(T0.plusSeconds(60), 60, 60, 89.5, 119), buckets.get(1));
        List<Bucket> oneSecond = query.downsample(GW, "sim1", "temperature", T0.plusSeconds(10), T0.plusSeconds(12), Duration.ofSeconds(1));
        assertEquals(List.of(new Bucket(T0.plusSeconds(10), 1, 10, 10, 10), new Bucket(T0.plusSeconds(11), 1, 11, 11, 11)), oneSecond);
    }

    @Test
    void storesAnAlarmWithItsClassAndFields() {
        IncomingMessage alarm = new IncomingMessage(GW, "sim1", MessageClass.ALARM, OptionalLong.of(3), OptionalLong.of(9), T0,
                new DecodedPayload(Optional.of(T0), List.of(new Metric("channel", "temperature"), new Metric("state", "raised"),
                        new Metric("limit", "high"), new Metric("threshold", 30.0), new Metric("value", 31.5))));
        assertEquals(StoreOutcome.STORED, store.store(alarm));
        assertEquals(List.of(new AlarmRecord(GW, "sim1", "temperature", "raised", "high", 30.0, "31.5", T0)),
                query.alarms(GW, T0, T0.plusSeconds(1)));
        assertEquals(List.of(), query.channels(GW), "an alarm is not telemetry");
    }

    @Test
    void birthThenLwtThenBirthMovesTheGatewayOnlineOfflineOnline() {
        DecodedPayload birth = new DecodedPayload(Optional.of(T0), List.of(new Metric("model_name", "Pi 4"),
                new Metric("application_ids", "api,sampler,link.mqtt")));
        store.lifecycle(GW, LifecycleEvent.BIRTH, birth, T0);
        GatewayRecord online = registry.gateway(GW).orElseThrow();
        assertEquals(GatewayState.ONLINE, online.state());
        assertEquals("Pi 4", online.birthMetrics().get("model_name"));
        assertEquals(List.of("api", "sampler", "link.mqtt"), online.applicationIds());
        assertEquals(Optional.of(T0), online.lastBirth());

        store.lifecycle(GW, LifecycleEvent.LWT, new DecodedPayload(Optional.empty(), List.of()), T0.plusSeconds(5));
        assertEquals(GatewayState.OFFLINE, registry.gateway(GW).orElseThrow().state());
        store.store(data(1, 1, T0.plusSeconds(6), 1.0));
        assertEquals(GatewayState.OFFLINE, registry.gateway(GW).orElseThrow().state(), "a late message is not a reconnect");

        store.lifecycle(GW, LifecycleEvent.BIRTH, new DecodedPayload(Optional.empty(), List.of(new Metric("model_name", "Pi 5"))), T0.plusSeconds(9));
        GatewayRecord back = registry.gateway(GW).orElseThrow();
        assertEquals(GatewayState.ONLINE, back.state());
        assertEquals(java.util.Map.of("model_name", "Pi 5"), back.birthMetrics(), "a birth replaces the previous birth's metrics");
        assertEquals(T0.plusSeconds(9), back.lastSeen());
    }

    @Test
    void aSilentGatewayBecomesUnknownAndDataBringsItBack() {
        store.lifecycle(GW, LifecycleEvent.BIRTH, new DecodedPayload(Optional.empty(), List.of()), T0);
        assertEquals(0, registry.markSilentUnknown(T0));
        assertEquals(1, registry.markSilentUnknown(T0.plusSeconds(1)));
        assertEquals(GatewayState.UNKNOWN, registry.gateway(GW).orElseThrow().state());
        store.store(data(1, 1, T0.plusSeconds(2), 1.0));
        assertEquals(GatewayState.ONLINE, registry.gateway(GW).orElseThrow().state());
    }

    @Test
    void dataFromAGatewayWithoutABirthRegistersIt() {
        store.store(data(1, 1, T0, 1.0));
        GatewayRecord gw = registry.byClientId("gw-1").get(0);
        assertEquals(GatewayState.ONLINE, gw.state());
        assertEquals(Optional.empty(), gw.lastBirth());
        assertEquals("kura", gw.profile());
    }

    // --- API tokens (schema version 3) ---

    @Test
    void aTokenAuthenticatesUntilRevokedAndOnlyItsHashIsStored() throws Exception {
        JdbcApiTokens tokens = new JdbcApiTokens(database);
        io.outpost.api.hq.token.IssuedToken issued = tokens.create("ops");
        assertTrue(issued.secret().startsWith("hq_") && issued.secret().length() >= 40, issued.secret());
        assertEquals("ops", tokens.authenticate(issued.secret()).orElseThrow().name());
        assertEquals(Optional.empty(), tokens.authenticate(issued.secret() + "x"));
        assertEquals(Optional.empty(), tokens.authenticate("hq_" + "A".repeat(43)));
        try (java.sql.Connection c = database.connection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT token_hash FROM api_token WHERE name = 'ops'")) {
            r.next();
            assertEquals(JdbcApiTokens.hash(issued.secret()), r.getString(1));
            assertTrue(!r.getString(1).contains(issued.secret()));
        }
        assertTrue(tokens.list().get(0).lastUsed().isPresent(), "last use recorded");
        assertTrue(tokens.revoke("ops").orElseThrow().revoked().isPresent());
        assertEquals(Optional.empty(), tokens.authenticate(issued.secret()), "revoked");
        assertEquals(Optional.empty(), tokens.revoke("nobody"));
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class, () -> tokens.create("ops"));
        assertTrue(taken.getMessage().contains("'name' 'ops' is already taken"), taken.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> tokens.create("a b"));
        assertTrue(bad.getMessage().contains("'name'"), bad.getMessage());
    }

    // --- retention ---

    private long rows(String table) throws SQLException {
        try (java.sql.Connection c = database.connection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void retentionByAgeDeletesOldMessagesWithTheirSamplesAndAlarmsInBatches() throws Exception {
        for (int i = 0; i < 25; i++) {
            store.store(data(1, i + 1, T0.plusSeconds(i), i));
        }
        for (int i = 0; i < 5; i++) {
            store.store(data(1, 100 + i, T0.plus(Duration.ofDays(10)).plusSeconds(i), i));
        }
        store.store(new IncomingMessage(GW, "sim1", MessageClass.ALARM, OptionalLong.of(1), OptionalLong.of(500), T0,
                new DecodedPayload(Optional.of(T0), List.of(new Metric("channel", "temperature"), new Metric("state", "raised")))));
        assertEquals(31, rows("message"));
        assertEquals(1, rows("alarm"));
        RetentionSettings settings = RetentionSettings.of(7, 0, 60, 10, 0);
        RetentionOutcome done = new TelemetryRetention(database, settings).run(T0.plus(Duration.ofDays(12)));
        assertEquals(26, done.messagesByAge());
        assertEquals(3, done.batches(), "26 messages in batches of 10");
        assertEquals(5, rows("message"));
        assertEquals(10, rows("sample"), "2 samples each of the 5 young messages");
        assertEquals(0, rows("alarm"), "the old alarm went with its message");
        assertEquals(5, query.samples(GW, "sim1", "temperature", T0, T0.plus(Duration.ofDays(11)), 100).size());
        assertEquals(0, new TelemetryRetention(database, settings).run(T0.plus(Duration.ofDays(12))).messages(), "nothing left to do");
    }

    @Test
    void retentionBySizeDeletesTheOldestMessagesUntilTheSamplesFit() throws Exception {
        for (int i = 0; i < 40; i++) {
            store.store(data(1, i + 1, T0.plusSeconds(i), i));
        }
        assertEquals(80, rows("sample"));
        RetentionOutcome done = new TelemetryRetention(database, RetentionSettings.of(0, 51, 60, 7, 0)).run(T0.plusSeconds(60));
        assertEquals(15, done.messagesBySize(), "29 samples over: 15 messages of 2");
        assertEquals(30, done.samplesBySize());
        assertEquals(50, rows("sample"));
        List<Sample> left = query.samples(GW, "sim1", "temperature", T0, T0.plusSeconds(60), 100);
        assertEquals(25, left.size());
        assertEquals(15.0, left.get(0).number(), "the oldest went first");
    }

    @Test
    void aBadRetentionConfigurationIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetentionSettings.of(-1, 0, 0, 1, 0));
        assertTrue(e.getMessage().contains("'maxAgeDays' -1") && e.getMessage().contains("'intervalMinutes' 0"), e.getMessage());
    }
}
