package io.outpost.hq.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.outpost.api.hq.alert.AckLinkCheck;
import io.outpost.api.hq.alert.Acknowledgement;
import io.outpost.api.hq.alert.AlertFilter;
import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertState;
import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.Notifier;

/** The alert engine against a real database; run on H2 and on PostgreSQL. */
abstract class EngineContract {

    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    TestClock clock;
    Path rules;
    final List<AlertEngine> engines = new ArrayList<>();

    /** A fresh database with the current schema. */
    abstract DataSource database() throws Exception;

    /** A second pool on the same database (another HQ instance). */
    abstract DataSource secondPool() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        clock = new TestClock(T0);
        rules = Files.createTempDirectory("hq-alert-rules");
    }

    @AfterEach
    void stopEngines() {
        engines.forEach(AlertEngine::stop);
        engines.clear();
    }

    AlertEngine engine(DataSource db, String instance, Notifier mail) throws SQLException {
        AlertSettings s = new AlertSettings(rules, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(200), instance,
                "https://hq.example.org", "0123456789abcdef-secret", Duration.ofDays(7), Duration.ofSeconds(5), 3, Duration.ofSeconds(60));
        AlertEngine e = new AlertEngine(s, db, clock, false);
        e.addNotifier(mail, Map.of(Notifier.NAME, "mail"));
        engines.add(e);
        return e;
    }

    static final String ALARM_RULE = """
            {"name": "level-alarm", "condition": {"type": "alarm", "device": "sim1", "channel": "level"},
             "notify": [{"notifier": "mail", "to": "ops@example.org"}],
             "escalate": {"after": "10m", "notifier": "mail", "to": "boss@example.org"},
             "subject": "[{state}] {channel} on {gateway}", "message": "{detail} {ackLink}"}
            """;

    @Test
    void anAlarmIsNotifiedOncePerTransition() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine engine = engine(db, "hq-a", mail);
        engine.putRule(ALARM_RULE);
        alarm(db, "gw-1", "raised");
        alarm(db, "gw-1", "raised");
        engine.evaluateNow();
        engine.evaluateNow();
        List<Notification> got = await(mail, 1);
        assertEquals("firing", got.get(0).kind());
        assertEquals("[firing] level on acme/gw-1", got.get(0).subject());
        assertEquals("ops@example.org", got.get(0).to());
        assertTrue(got.get(0).body().contains("https://hq.example.org/outpost-hq/ack?alert="), got.get(0).body());
        alarm(db, "gw-1", "cleared");
        engine.evaluateNow();
        got = await(mail, 2);
        assertEquals("resolved", got.get(1).kind());
        engine.evaluateNow();
        settle(mail, 2);
        assertEquals(AlertState.RESOLVED, engine.alerts(false, 10).get(0).state());
    }

    @Test
    void repeatsWithinTheDigestWindowGoOutAsOneDigest() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine engine = engine(db, "hq-a", mail);
        engine.putRule(ALARM_RULE.replace("\"subject\"", "\"digest\": \"5m\", \"subject\""));
        alarm(db, "gw-1", "raised");
        engine.evaluateNow();
        await(mail, 1);
        for (String s : List.of("cleared", "raised", "cleared")) {
            clock.advance(Duration.ofSeconds(30));
            alarm(db, "gw-1", s);
            engine.evaluateNow();
        }
        settle(mail, 1);
        clock.advance(Duration.ofMinutes(5));
        engine.evaluateNow();
        List<Notification> got = await(mail, 2);
        assertEquals("digest", got.get(1).kind());
        assertEquals(List.of(), got.subList(2, got.size()));
        assertTrue(got.get(1).subject().contains("3 notifications"), got.get(1).subject());
        assertEquals(2, got.get(1).alertIds().size(), "two episodes: the first resolved, the second fired and resolved");
    }

    @Test
    void anUnacknowledgedAlertEscalatesOnceAndAnAcknowledgedOneDoesNot() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine engine = engine(db, "hq-a", mail);
        engine.putRule(ALARM_RULE);
        alarm(db, "gw-1", "raised");
        alarm(db, "gw-2", "raised");
        engine.evaluateNow();
        await(mail, 2);
        long gw2 = engine.alerts(true, 10).stream().filter(a -> a.subject().startsWith("acme/gw-2")).findFirst().orElseThrow().id();
        assertEquals(Acknowledgement.ACKNOWLEDGED, engine.acknowledge(gw2, "alice"));
        assertEquals(Acknowledgement.ALREADY_ACKNOWLEDGED, engine.acknowledge(gw2, "bob"));
        assertEquals(Acknowledgement.UNKNOWN_ALERT, engine.acknowledge(9999, "bob"));
        clock.advance(Duration.ofMinutes(9));
        engine.evaluateNow();
        settle(mail, 2);
        clock.advance(Duration.ofMinutes(2));
        engine.evaluateNow();
        engine.evaluateNow();
        List<Notification> got = await(mail, 3);
        settle(mail, 3);
        assertEquals("escalation", got.get(2).kind());
        assertEquals("boss@example.org", got.get(2).to());
        assertTrue(got.get(2).subject().contains("gw-1"));
        // the resolve goes to both who were told
        alarm(db, "gw-1", "cleared");
        engine.evaluateNow();
        got = await(mail, 5);
        assertEquals(List.of("boss@example.org", "ops@example.org"), got.subList(3, 5).stream().map(Notification::to).sorted().toList());
    }

    @Test
    void aSignedLinkAcknowledgesAndAForgedOrExpiredOneDoesNot() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine engine = engine(db, "hq-a", mail);
        engine.putRule(ALARM_RULE);
        alarm(db, "gw-1", "raised");
        alarm(db, "gw-2", "raised");
        engine.evaluateNow();
        List<Notification> got = await(mail, 2);
        AckLink first = AckLink.in(got.get(0).body());
        AckLink second = AckLink.in(got.get(1).body());
        assertEquals(T0.plus(Duration.ofDays(7)).getEpochSecond(), first.expires(), "valid for ackLinkDays from the mail");
        assertEquals(AckLinkCheck.GENUINE, engine.checkAckLink(first.id(), first.expires(), first.sig()));
        assertEquals(AckLinkCheck.FORGED, engine.checkAckLink(first.id(), first.expires(), first.sig().substring(1) + "A"));
        assertEquals(AckLinkCheck.FORGED, engine.checkAckLink(first.id() + 1, first.expires(), first.sig()), "another alert");
        assertEquals(AckLinkCheck.FORGED, engine.checkAckLink(first.id(), first.expires() + 86_400, first.sig()), "a later expiry");
        assertEquals(AckLinkCheck.FORGED, engine.checkAckLink(first.id(), first.expires(), null));
        assertEquals(Acknowledgement.UNKNOWN_ALERT, engine.acknowledgeByLink(first.id(), first.expires(), first.sig().substring(1) + "A"));
        assertTrue(engine.alert(first.id()).orElseThrow().acknowledgedAt().isEmpty(), "a forged link changes nothing");
        assertEquals(Acknowledgement.ACKNOWLEDGED, engine.acknowledgeByLink(first.id(), first.expires(), first.sig()));
        assertEquals("mail-link", engine.alert(first.id()).orElseThrow().acknowledgedBy().orElseThrow());
        assertEquals(Acknowledgement.ALREADY_ACKNOWLEDGED, engine.acknowledgeByLink(first.id(), first.expires(), first.sig()));

        clock.advance(Duration.ofDays(7));
        assertEquals(AckLinkCheck.EXPIRED, engine.checkAckLink(second.id(), second.expires(), second.sig()));
        assertEquals(Acknowledgement.UNKNOWN_ALERT, engine.acknowledgeByLink(second.id(), second.expires(), second.sig()));
        assertTrue(engine.alert(second.id()).orElseThrow().acknowledgedAt().isEmpty(), "an expired link changes nothing");
    }

    /** The alert id, expiry and signature of the acknowledgement link in a mail's body. */
    record AckLink(long id, long expires, String sig) {
        static AckLink in(String body) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("https://hq\\.example\\.org/outpost-hq/ack\\?alert=(\\d+)&exp=(\\d+)&sig=([A-Za-z0-9_-]+)")
                    .matcher(body);
            assertTrue(m.find(), body);
            return new AckLink(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3));
        }
    }

    @Test
    void theAlertsCanBeFilteredByStateAndAcknowledgementAndAResolvedOneIsNotAcknowledged() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine engine = engine(db, "hq-a", mail);
        engine.putRule(ALARM_RULE);
        alarm(db, "gw-1", "raised");
        alarm(db, "gw-2", "raised");
        alarm(db, "gw-3", "raised");
        engine.evaluateNow();
        Map<String, Long> ids = new java.util.HashMap<>();
        engine.alerts(AlertFilter.ALL, 10).forEach(a -> ids.put(a.subject().split("/")[1], a.id()));
        assertEquals(Acknowledgement.ACKNOWLEDGED, engine.acknowledge(ids.get("gw-2"), "alice"));
        alarm(db, "gw-3", "cleared");
        engine.evaluateNow();
        assertEquals(Acknowledgement.ALREADY_RESOLVED, engine.acknowledge(ids.get("gw-3"), "bob"));
        assertTrue(engine.alert(ids.get("gw-3")).orElseThrow().acknowledgedBy().isEmpty());
        assertEquals(List.of(ids.get("gw-2"), ids.get("gw-1")), engine.alerts(AlertFilter.FIRING, 10).stream().map(AlertRecord::id).toList());
        assertEquals(List.of(ids.get("gw-1")), engine.alerts(new AlertFilter(Optional.of(AlertState.FIRING), Optional.of(false)), 10)
                .stream().map(AlertRecord::id).toList());
        assertEquals(List.of(ids.get("gw-2")), engine.alerts(new AlertFilter(Optional.empty(), Optional.of(true)), 10)
                .stream().map(AlertRecord::id).toList());
        assertEquals(List.of(ids.get("gw-3")), engine.alerts(new AlertFilter(Optional.of(AlertState.RESOLVED), Optional.empty()), 10)
                .stream().map(AlertRecord::id).toList());
        assertEquals(3, engine.alerts(AlertFilter.ALL, 10).size());
        assertEquals(1, engine.alerts(AlertFilter.ALL, 1).size(), "the limit");
        assertTrue(engine.alert(9999).isEmpty());
    }

    @Test
    void aRestartNeitherRepeatsNorLosesAResolve() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine first = engine(db, "hq-a", mail);
        first.putRule(ALARM_RULE);
        alarm(db, "gw-1", "raised");
        first.evaluateNow();
        await(mail, 1);
        alarm(db, "gw-1", "cleared");
        // the resolve is queued, then the engine stops before a sender sees it (the peer is down)
        mail.refusing = true;
        first.evaluateNow();
        Thread.sleep(300);
        first.stop();
        engines.remove(first);
        mail.refusing = false;
        AlertEngine second = engine(db, "hq-a", mail);
        second.evaluateNow();
        settle(mail, 1);
        clock.advance(Duration.ofSeconds(6)); // the first back-off
        second.evaluateNow();
        second.evaluateNow();
        List<Notification> got = await(mail, 2);
        settle(mail, 2);
        assertEquals("resolved", got.get(1).kind());
        assertTrue(mail.refusals >= 1);
        assertTrue(second.notificationCounts().get("failed") >= 1, second.notificationCounts().toString());
        assertEquals(2L, second.notificationCounts().get("sent"));
    }

    @Test
    void twoEnginesOnOneDatabaseNotifyOnce() throws Exception {
        DataSource db = database();
        DataSource other = secondPool();
        RecordingNotifier mailA = new RecordingNotifier();
        RecordingNotifier mailB = new RecordingNotifier();
        AlertEngine a = engine(db, "hq-a", mailA);
        AlertEngine b = engine(other, "hq-b", mailB);
        a.putRule(ALARM_RULE);
        for (int i = 0; i < 20; i++) {
            alarm(db, "gw-" + i, "raised");
        }
        Thread ta = new Thread(() -> repeat(a, 5));
        Thread tb = new Thread(() -> repeat(b, 5));
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        Supplier<Integer> total = () -> mailA.received.size() + mailB.received.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (total.get() < 20 && System.nanoTime() < deadline) {
            a.evaluateNow();
            b.evaluateNow();
            Thread.sleep(50);
        }
        Thread.sleep(300);
        assertEquals(20, total.get(), "each alarm notified once by one of the two engines");
        List<String> subjects = new ArrayList<>();
        mailA.received.forEach(n -> subjects.add(n.subject()));
        mailB.received.forEach(n -> subjects.add(n.subject()));
        assertEquals(20, subjects.stream().distinct().count());
        assertEquals(20, a.alerts(true, 100).size());
    }

    private static void repeat(AlertEngine e, int times) {
        for (int i = 0; i < times; i++) {
            try {
                e.evaluateNow();
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    @Test
    void aSilenceHoldsBackNotificationsOfItsSubjects() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine engine = engine(db, "hq-a", mail);
        engine.putRule(ALARM_RULE);
        engine.silence("*", "acme/gw-1", T0, T0.plus(Duration.ofHours(1)), "pump replacement", "alice");
        alarm(db, "gw-1", "raised");
        alarm(db, "gw-2", "raised");
        engine.evaluateNow();
        List<Notification> got = await(mail, 1);
        settle(mail, 1);
        assertTrue(got.get(0).subject().contains("gw-2"));
        assertEquals(2, engine.alerts(true, 10).size(), "the silenced alert is still recorded");
        assertEquals(1L, engine.notificationCounts().get("silenced"));
        assertEquals(1, engine.silences().size());
    }

    @Test
    void offlineNoDataOutOfRangeCounterAndCalendarRules() throws Exception {
        DataSource db = database();
        RecordingNotifier mail = new RecordingNotifier();
        AlertEngine engine = engine(db, "hq-a", mail);
        String to = ", \"notify\": [{\"notifier\": \"mail\", \"to\": \"ops@example.org\"}]}";
        engine.putRule("{\"name\": \"offline\", \"condition\": {\"type\": \"offline\", \"for\": \"5m\"}" + to);
        engine.putRule("{\"name\": \"silent-level\", \"condition\": {\"type\": \"no-data\", \"device\": \"sim1\", \"channel\": \"level\", \"for\": \"10m\"}" + to);
        engine.putRule("{\"name\": \"hot\", \"condition\": {\"type\": \"out-of-range\", \"device\": \"sim1\", \"channel\": \"temp\", \"high\": 80, \"window\": \"5m\"}" + to);
        engine.putRule("{\"name\": \"pump-hours\", \"condition\": {\"type\": \"counter\", \"device\": \"pump\", \"channel\": \"hours\", \"atLeast\": 1000}" + to);
        engine.putRule("{\"name\": \"yearly\", \"condition\": {\"type\": \"calendar\", \"start\": \"2026-06-01T10:30:00Z\", \"every\": \"365d\"}" + to);
        gateway(db, "gw-1", "online", T0);
        gateway(db, "gw-2", "offline", T0);
        sample(db, "gw-1", "sim1", "level", T0, 5);
        sample(db, "gw-1", "sim1", "temp", T0, 70);
        sample(db, "gw-1", "sim1", "temp", T0.plusSeconds(10), 100);
        sample(db, "gw-1", "pump", "hours", T0, 1200);
        clock.advance(Duration.ofMinutes(1));
        engine.evaluateNow();
        List<Notification> got = await(mail, 2);
        settle(mail, 2);
        assertEquals(List.of("hot", "pump-hours"), got.stream().map(Notification::rule).sorted().toList());
        clock.advance(Duration.ofMinutes(5)); // gw-2 offline for 6 min; temperatures out of the window
        engine.evaluateNow();
        got = await(mail, 3);
        settle(mail, 3);
        assertEquals("offline", got.get(2).rule());
        assertEquals("acme/gw-2", engine.alerts(true, 10).stream().filter(a -> a.rule().equals("offline")).findFirst().orElseThrow().subject());
        clock.advance(Duration.ofMinutes(5)); // level silent for 11 minutes
        sample(db, "gw-1", "pump", "hours", clock.instant(), 0); // counter reset after maintenance
        gateway(db, "gw-2", "online", clock.instant());
        engine.evaluateNow();
        got = await(mail, 6);
        settle(mail, 6);
        assertEquals(List.of("offline/resolved", "pump-hours/resolved", "silent-level/firing"),
                got.subList(3, 6).stream().map(n -> n.rule() + "/" + n.kind()).sorted().toList());
        clock.advance(Duration.ofMinutes(20)); // past 10:30: maintenance due
        engine.evaluateNow();
        got = await(mail, 7);
        AlertRecord due = engine.alerts(true, 10).stream().filter(a -> a.rule().equals("yearly")).findFirst().orElseThrow();
        assertEquals("due 2026-06-01T10:30:00Z", due.subject());
        engine.acknowledge(due.id(), "mechanic");
        engine.evaluateNow();
        engine.evaluateNow();
        got = await(mail, 8);
        settle(mail, 8);
        assertEquals("yearly/resolved", got.get(7).rule() + "/" + got.get(7).kind());
    }

    // --- the database as ingest leaves it

    static void alarm(DataSource db, String gw, String state) throws SQLException {
        try (Connection c = db.getConnection()) {
            long id = Sql.insert(c, "INSERT INTO message (account, client_id, device, message_class, epoch, msgid, sent_at, received_at)"
                    + " VALUES ('acme', ?, 'sim1', 'alarm', 0, NULL, ?, ?)", gw, T0.toEpochMilli(), T0.toEpochMilli());
            Sql.update(c, "INSERT INTO alarm (message_id, account, client_id, device, channel, alarm_state, limit_kind, threshold, value_text, ts)"
                    + " VALUES (?, 'acme', ?, 'sim1', 'level', ?, 'high', 90.0, '93.5', ?)", id, gw, state, T0.toEpochMilli());
        }
    }

    static void gateway(DataSource db, String gw, String state, Instant lastSeen) throws SQLException {
        try (Connection c = db.getConnection()) {
            if (Sql.update(c, "UPDATE gateway SET state = ?, last_seen = ? WHERE account = 'acme' AND client_id = ?", state, lastSeen.toEpochMilli(), gw) == 0) {
                Sql.update(c, "INSERT INTO gateway (account, client_id, state, last_seen, profile, application_ids) VALUES ('acme', ?, ?, ?, 'kura', '')",
                        gw, state, lastSeen.toEpochMilli());
            }
        }
    }

    static void sample(DataSource db, String gw, String device, String channel, Instant ts, double value) throws SQLException {
        try (Connection c = db.getConnection()) {
            long id = Sql.insert(c, "INSERT INTO message (account, client_id, device, message_class, epoch, msgid, sent_at, received_at)"
                    + " VALUES ('acme', ?, ?, 'data', 0, NULL, ?, ?)", gw, device, ts.toEpochMilli(), ts.toEpochMilli());
            Sql.update(c, "INSERT INTO sample (message_id, account, client_id, device, channel, ts, num) VALUES (?, 'acme', ?, ?, ?, ?, ?)",
                    id, gw, device, channel, ts.toEpochMilli(), value);
        }
    }

    static List<Notification> await(RecordingNotifier n, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (n.received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(n.received.size() >= count, "expected " + count + " notifications, got " + n.received);
        return List.copyOf(n.received);
    }

    /** Nothing more arrives. */
    static void settle(RecordingNotifier n, int count) throws InterruptedException {
        Thread.sleep(300);
        assertEquals(count, n.received.size(), () -> "unexpected notifications: " + n.received);
    }
}
