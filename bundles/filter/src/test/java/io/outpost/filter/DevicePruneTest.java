package io.outpost.filter;

import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.UpstreamMessage;

/** Section 9 of issue 15: a removed device's channels and alarms are forgotten after a grace period. */
class DevicePruneTest {

    private static final long GRACE = 600_000;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final ManualUpstream upstream = new ManualUpstream();

    private ReadingFilter filter(Path file) {
        ReadingFilter f = new ReadingFilter(clock, DefaultAction.PASS_ALL, file, Runnable::run, 100, GRACE);
        f.rules(List.of(rule("t", "high", 25, "deadband", 1000)));
        f.upstream(upstream);
        return f;
    }

    private void feed(ReadingFilter f, String device, double value) {
        clock.advanceSeconds(1);
        f.accept(List.of(Reading.good(device, "t", Value.of(value), "", clock.millis())));
        upstream.commitAll();
    }

    @Test
    void aRemovedDeviceIsForgottenAfterTheGracePeriodAndItsAlarmClearedWithAReason() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter f = filter(file);
        f.deviceAdded("boiler");
        f.deviceAdded("pump");
        feed(f, "boiler", 26);
        feed(f, "pump", 26);
        assertEquals(2, new AlarmFile(file).load().alarms().size());

        f.deviceRemoved("boiler");
        clock.advanceSeconds(GRACE / 1000 - 1);
        f.tick();
        assertEquals(2, f.channels().size(), "not within the grace period");
        clock.advanceSeconds(1);
        f.tick();
        assertEquals(List.of("pump"), f.channels().stream().map(c -> c.device()).toList());
        UpstreamMessage clear = upstream.sent.get(upstream.sent.size() - 1).message();
        assertEquals("alarms/boiler", clear.topic());
        assertEquals(Value.of("cleared"), clear.metrics().get("state"));
        assertEquals(Value.of("device removed"), clear.metrics().get("reason"));
        assertNull(clear.metrics().get("value"), "no value: there is none");
        assertEquals(1, f.totals().alarmsPending(), "the file changes when the clear is durable");
        upstream.commitAll();
        assertEquals(Map.of(AlarmFile.key("pump", "t"), new Alarm(Limit.HIGH, 25)), new AlarmFile(file).load().alarms());
        assertEquals(1, f.totals().pruned());
    }

    @Test
    void aDeviceThatComesBackWithinTheGracePeriodIsKept() {
        ReadingFilter f = filter(dir.resolve("alarms.txt"));
        f.deviceAdded("boiler");
        feed(f, "boiler", 26);
        f.deviceRemoved("boiler");
        clock.advanceSeconds(10);
        f.deviceAdded("boiler"); // its configuration changed: the sampler re-created it
        clock.advanceSeconds(GRACE);
        f.tick();
        assertEquals(1, f.channels().size());
        assertEquals(new Alarm(Limit.HIGH, 25), f.alarm("boiler", "t"));
    }

    @Test
    void aLatePollOfARemovedDeviceDoesNotKeepIt() {
        ReadingFilter f = filter(null);
        f.deviceAdded("boiler");
        feed(f, "boiler", 20);
        f.deviceRemoved("boiler");
        feed(f, "boiler", 20);
        clock.advanceSeconds(GRACE);
        f.tick();
        assertTrue(f.channels().isEmpty());
    }

    @Test
    void anAlarmInTheFileOfADeviceThatNeverShowsUpAfterARestartIsCleared() throws Exception {
        Path file = dir.resolve("alarms.txt");
        Files.writeString(file, "gone\tt\thigh\t25.0\nalive\tt\thigh\t25.0\nreading\tt\thigh\t25.0\n");
        ReadingFilter f = filter(file);
        f.deviceAdded("alive");
        feed(f, "reading", 26); // a device without a service that still sends readings is alive too
        clock.advanceSeconds(GRACE / 1000);
        f.tick();
        upstream.commitAll();
        assertEquals(List.of("cleared high 25.0 at null"), upstream.alarms());
        assertEquals(Map.of(AlarmFile.key("alive", "t"), new Alarm(Limit.HIGH, 25), AlarmFile.key("reading", "t"),
            new Alarm(Limit.HIGH, 25)), new AlarmFile(file).load().alarms());
    }
}
