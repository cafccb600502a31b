package io.outpost.filter;

import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.Acknowledgement;

/** Section 4 of issue 15: an alarm transition is persisted only once the upstream made its message durable. */
class AlarmDurabilityTest {

    private static final String DEVICE = "dev";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final ManualUpstream upstream = new ManualUpstream();

    private ReadingFilter filter(Path file, ManualUpstream target) {
        ReadingFilter filter = new ReadingFilter(clock, DefaultAction.PASS_ALL, file, Runnable::run, 100, 600_000);
        filter.rules(List.of(rule("t", "high", 25, "hysteresis", 1, "deadband", 1000)));
        filter.upstream(target);
        return filter;
    }

    private void feed(ReadingFilter filter, double value) {
        clock.advanceSeconds(1);
        filter.accept(List.of(Reading.good(DEVICE, "t", Value.of(value), "", clock.millis())));
    }

    private Map<String, Alarm> onDisk(Path file) {
        return new AlarmFile(file).load().alarms();
    }

    @Test
    void theRaiseIsWrittenOnlyWhenItsMessageIsDurable() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter f = filter(file, upstream);
        feed(f, 20);
        feed(f, 26);
        assertEquals(List.of("raised high 25.0 at 26.0"), upstream.alarms(), "sent at once, the device thread did not wait");
        assertEquals(new Alarm(Limit.HIGH, 25), f.alarm(DEVICE, "t"), "judged raised: no second raise for the excursion");
        assertNull(f.durableAlarm(DEVICE, "t"));
        assertEquals(Map.of(), onDisk(file), "not on disk before the upstream made it durable");
        assertEquals(1, f.totals().alarmsPending());

        upstream.durable(upstream.lastAlarm());
        assertEquals(Map.of(AlarmFile.key(DEVICE, "t"), new Alarm(Limit.HIGH, 25)), onDisk(file));
        assertEquals(0, f.totals().alarmsPending());
    }

    @Test
    void aCrashBeforeTheAcknowledgementRaisesAgainAfterTheRestartAndNeverClearsWhatHqDidNotGet() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter before = filter(file, upstream);
        feed(before, 26);
        assertEquals(List.of("raised high 25.0 at 26.0"), upstream.alarms());
        // "crash": the first filter never hears its acknowledgement; a new one starts on the same file
        ManualUpstream afterCrash = new ManualUpstream();
        ReadingFilter after = filter(file, afterCrash);
        assertNull(after.alarm(DEVICE, "t"), "the file still says not raised");
        feed(after, 27);
        assertEquals(List.of("raised high 25.0 at 27.0"), afterCrash.alarms(), "raised again: HQ may get it twice");
        afterCrash.durable(afterCrash.lastAlarm());
        feed(after, 20);
        assertEquals(List.of("raised high 25.0 at 27.0", "cleared high 25.0 at 20.0"), afterCrash.alarms());
    }

    @Test
    void aCrashWhileTheClearIsPendingSendsTheClearAgain() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter before = filter(file, upstream);
        feed(before, 26);
        upstream.durable(upstream.lastAlarm());
        feed(before, 20);
        assertEquals(List.of("raised high 25.0 at 26.0", "cleared high 25.0 at 20.0"), upstream.alarms());
        ManualUpstream afterCrash = new ManualUpstream();
        ReadingFilter after = filter(file, afterCrash);
        assertEquals(new Alarm(Limit.HIGH, 25), after.alarm(DEVICE, "t"), "the clear was not durable");
        feed(after, 20);
        assertEquals(List.of("cleared high 25.0 at 20.0"), afterCrash.alarms());
    }

    @Test
    void aRefusedAlarmIsSentAgainAfterABackOffThatDoubles() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter f = filter(file, upstream);
        feed(f, 26);
        upstream.lastAlarm().complete(Acknowledgement.refused("store full of alarms"));
        assertEquals(Map.of(), onDisk(file));
        assertEquals(1, f.totals().refused());
        assertEquals(1, f.totals().alarmsPending(), "still pending: waiting for its retry");

        clock.advanceSeconds(0.9);
        f.tick();
        assertEquals(1, upstream.alarms().size(), "not before the back-off");
        clock.advanceSeconds(0.1);
        f.tick();
        assertEquals(List.of("raised high 25.0 at 26.0", "raised high 25.0 at 26.0"), upstream.alarms(), "the same message again");

        upstream.lastAlarm().complete(Acknowledgement.dropped("oldest telemetry"));
        clock.advanceSeconds(1.9);
        f.tick();
        assertEquals(2, upstream.alarms().size(), "the second back-off is 2 s");
        clock.advanceSeconds(0.1);
        f.tick();
        assertEquals(3, upstream.alarms().size());
        upstream.durable(upstream.lastAlarm());
        assertEquals(Map.of(AlarmFile.key(DEVICE, "t"), new Alarm(Limit.HIGH, 25)), onDisk(file));
        assertEquals(0, f.totals().alarmsPending());
    }

    @Test
    void theBackOffStopsGrowingAtAMinute() {
        ReadingFilter f = filter(null, upstream);
        feed(f, 26);
        for (int i = 0; i < 10; i++) {
            upstream.lastAlarm().complete(Acknowledgement.refused("no"));
            clock.advanceSeconds(60);
            f.tick();
        }
        assertEquals(11, upstream.alarms().size(), "one attempt a minute at most, but never given up");
    }

    @Test
    void aClearWaitsUntilItsRaiseIsDurable() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter f = filter(file, upstream);
        feed(f, 26);
        feed(f, 20);
        assertEquals(List.of("raised high 25.0 at 26.0"), upstream.alarms(), "the clear waits for the raise");
        assertEquals(2, f.totals().alarmsPending());
        upstream.durable(upstream.lastAlarm());
        assertEquals(List.of("raised high 25.0 at 26.0", "cleared high 25.0 at 20.0"), upstream.alarms());
        upstream.durable(upstream.lastAlarm());
        assertEquals(Map.of(), onDisk(file));
        assertEquals(0, f.totals().alarmsPending());
    }

    @Test
    void aRefusedRaiseIsRetriedBeforeItsClearSoHqSeesTheExcursionInOrder() {
        ReadingFilter f = filter(dir.resolve("alarms.txt"), upstream);
        feed(f, 26);
        upstream.lastAlarm().complete(Acknowledgement.refused("closing"));
        clock.advanceSeconds(-0.5); // the next reading comes before the back-off of 1 s is over
        feed(f, 20);
        assertEquals(List.of("raised high 25.0 at 26.0"), upstream.alarms(), "nothing overtakes the refused raise");
        clock.advanceSeconds(0.5);
        f.tick();
        assertEquals(List.of("raised high 25.0 at 26.0", "raised high 25.0 at 26.0"), upstream.alarms());
        upstream.durable(upstream.lastAlarm());
        assertEquals(List.of("raised high 25.0 at 26.0", "raised high 25.0 at 26.0", "cleared high 25.0 at 20.0"), upstream.alarms());
    }

    @Test
    void aChannelChatteringWhileTheUpstreamRefusesKeepsABoundedConsistentQueue() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter f = filter(file, upstream);
        feed(f, 26);
        upstream.lastAlarm().complete(Acknowledgement.refused("full"));
        for (int i = 0; i < 50; i++) {
            feed(f, 20);
            feed(f, 30 + i);
        }
        assertTrue(f.totals().alarmsPending() <= AlarmDelivery.MAX_WAITING + 1, "bounded: " + f.totals().alarmsPending());
        // the upstream recovers: every attempt from now on is durable
        for (int i = 0; i < 20; i++) {
            clock.advanceSeconds(60);
            f.tick();
            upstream.commitAll();
        }
        List<String> alarms = upstream.alarms();
        String previous = "cleared";
        for (String a : alarms.subList(1, alarms.size())) {
            assertTrue(a.startsWith(previous.equals("cleared") ? "raised" : "cleared"), "alternates: " + alarms);
            previous = a.substring(0, a.indexOf(' '));
        }
        assertEquals("raised", previous, "ends with the newest state: " + alarms);
        assertEquals(Map.of(AlarmFile.key(DEVICE, "t"), new Alarm(Limit.HIGH, 25)), onDisk(file));
        assertEquals(0, f.totals().alarmsPending());
    }

    @Test
    void anAlarmWaitsWhileNoUpstreamIsBoundAndGoesWhenOneIs() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter f = new ReadingFilter(clock, DefaultAction.PASS_ALL, file, Runnable::run, 100, 600_000);
        f.rules(List.of(rule("t", "high", 25, "deadband", 1000)));
        feed(f, 26);
        f.tick();
        assertEquals(1, f.totals().alarmsPending());
        f.upstream(upstream);
        assertEquals(List.of("raised high 25.0 at 26.0"), upstream.alarms());
        upstream.durable(upstream.lastAlarm());
        assertEquals(Map.of(AlarmFile.key(DEVICE, "t"), new Alarm(Limit.HIGH, 25)), onDisk(file));
    }

    @Test
    void acknowledgementsAfterCloseAreNotWritten() {
        Path file = dir.resolve("alarms.txt");
        ReadingFilter f = filter(file, upstream);
        feed(f, 26);
        f.close();
        upstream.durable(upstream.lastAlarm());
        assertEquals(Map.of(), onDisk(file), "a stopped filter leaves the file to its successor");
    }
}
