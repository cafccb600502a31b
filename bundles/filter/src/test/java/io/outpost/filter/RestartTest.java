package io.outpost.filter;

import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {

    @TempDir
    Path dir;

    private FilterHarness restart(Path file) {
        return new FilterHarness(DefaultAction.PASS_ALL, file, rule("t", "high", 25, "hysteresis", 1, "deadband", 1000),
            rule("door", "alarmWhen", "true"));
    }

    @Test
    void aRestartRestoresTheAlarmStateSoThereIsNoSecondRaiseAndTheClearIsStillSent() {
        Path file = dir.resolve("alarms.txt");
        FilterHarness before = restart(file);
        before.feed("t", 20, 26);
        before.feed("door", io.outpost.api.data.Value.of(true));
        assertEquals(List.of("raised high 25.0 at 26.0", "raised true 1.0 at true"), before.alarmsSent());

        FilterHarness after = restart(file);
        assertEquals(new Alarm(Limit.HIGH, 25), after.filter.alarm(FilterHarness.DEVICE, "t"));
        after.feed("t", 27, 24.5);
        after.feed("door", io.outpost.api.data.Value.of(true));
        assertEquals(List.of(), after.alarmsSent(), "the same excursion is not raised again");
        after.feed("t", 23.9);
        after.feed("door", io.outpost.api.data.Value.of(false));
        assertEquals(List.of("cleared high 25.0 at 23.9", "cleared true 1.0 at false"), after.alarmsSent());

        FilterHarness third = restart(file);
        assertNull(third.filter.alarm(FilterHarness.DEVICE, "t"), "the clear was persisted too");
        third.feed("t", 26);
        assertEquals(List.of("raised high 25.0 at 26.0"), third.alarmsSent());
    }

    @Test
    void theStateFileIsWrittenOnlyWhenAnAlarmChanges() throws Exception {
        Path file = dir.resolve("alarms.txt");
        FilterHarness h = restart(file);
        h.feed("t", 20, 21, 22);
        assertFalse(Files.exists(file), "no alarm, no write");
        h.feed("t", 26);
        long written = Files.getLastModifiedTime(file).toMillis();
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written - 10_000));
        h.feed("t", 27, 28, 29);
        assertEquals(written - 10_000, Files.getLastModifiedTime(file).toMillis(), "readings without change do not write");
        assertFalse(Files.exists(dir.resolve("alarms.txt.tmp")), "the temporary file was renamed");
    }

    @Test
    void aDamagedStateFileLosesOnlyItsBadLines() throws Exception {
        Path file = dir.resolve("alarms.txt");
        Files.writeString(file, "# comment\nnot an alarm\ndev\tt\thigh\t25.0\ndev\tx\tsideways\t1\n");
        AlarmFile.Loaded loaded = new AlarmFile(file).load();
        assertEquals(Map.of(AlarmFile.key("dev", "t"), new Alarm(Limit.HIGH, 25)), loaded.alarms());
        assertEquals(2, loaded.problems().size());
    }

    @Test
    void namesWithTabsAndNewlinesSurviveTheRoundTrip() throws Exception {
        AlarmFile file = new AlarmFile(dir.resolve("sub/alarms.txt"));
        Map<String, Alarm> alarms = Map.of(AlarmFile.key("a\tb\\c", "x\ny"), new Alarm(Limit.LOW, -3.5));
        file.save(alarms);
        assertEquals(alarms, file.load().alarms());
        assertTrue(file.load().problems().isEmpty());
    }
}
