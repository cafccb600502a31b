package io.outpost.hq.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.hq.alert.Notifier;
import io.outpost.hq.store.TestDatabases;

/** The hq:* alert commands against a real engine on H2. */
class AlertCommandsTest {

    @TempDir
    Path dir;

    @Test
    void listsAcknowledgesSilencesAndCounts() throws Exception {
        try (TestDatabases.Opened db = TestDatabases.open("jdbc:h2:" + dir.resolve("hq").toAbsolutePath())) {
            Path rules = Files.createDirectories(dir.resolve("rules"));
            Files.writeString(rules.resolve("level.json"), EngineContract.ALARM_RULE);
            TestClock clock = new TestClock(EngineContract.T0);
            AlertSettings s = new AlertSettings(rules, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(200), "hq-a",
                    "", "", Duration.ofDays(7), Duration.ofSeconds(5), 3, Duration.ofSeconds(60));
            AlertEngine engine = new AlertEngine(s, db.dataSource(), clock, false);
            RecordingNotifier mail = new RecordingNotifier();
            engine.addNotifier(mail, Map.of(Notifier.NAME, "mail"));
            try {
                AlertCommands commands = new AlertCommands(engine, clock);
                assertEquals("no alert is firing\n", commands.alerts());
                assertEquals("level-alarm  (file:" + rules.resolve("level.json") + ")\n", commands.rules());
                EngineContract.alarm(db.dataSource(), "gw-1", "raised");
                engine.evaluateNow();
                EngineContract.await(mail, 1);
                String listed = commands.alerts();
                assertTrue(listed.contains("firing") && listed.contains("acme/gw-1/sim1/level"), listed);
                long id = engine.alerts(true, 1).get(0).id();
                assertEquals("alert " + id + " acknowledged\n", commands.ack(id));
                assertEquals("alert " + id + " was acknowledged before\n", commands.ack(id));
                assertEquals("no alert 999\n", commands.ack(999));
                assertTrue(commands.alerts().contains("by console"));
                assertEquals("duration 2x is not a duration (90s, 15m, 2h, 7d)\n", commands.silence("*", "*", "2x"));
                assertTrue(commands.silence("level-alarm", "acme/gw-2", "2h", "valve", "work").startsWith("silence 1: rule level-alarm"));
                assertTrue(commands.silences().contains("by console: valve work"), commands.silences());
                assertEquals("silence 1 ended\n", commands.unsilence(1));
                assertEquals("no silence\n", commands.silences());
                assertTrue(commands.notifications().contains("sent       1"), commands.notifications());
                assertEquals("usage: hq:alerts [all]\n", commands.alerts("everything"));
            } finally {
                engine.stop();
            }
        }
    }
}
