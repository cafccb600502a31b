package io.outpost.filter;

import static io.outpost.filter.FilterHarness.describe;
import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/** The semantics of docs/threshold-filter.md, one reading per second on a hand-driven clock. */
class ReadingFilterTest {

    private static final double NO_CHANGES = 1000;

    @Test
    void raisesOnceWhenCrossingHighAndClearsAfterHysteresis() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "hysteresis", 0.5, "deadband", NO_CHANGES));
        assertEquals(List.of("EVENT t=20.0"), describe(h.feed("t", 20)), "the first value is reported");
        assertEquals(List.of(), describe(h.feed("t", 24, 25)), "at the limit is not beyond it");
        assertEquals(List.of("raised high 25.0 at 25.1"), describe(h.feed("t", 25.1)));
        assertEquals(List.of(), describe(h.feed("t", 26, 30, 24.6, 24.5)), "not back inside by more than the hysteresis");
        assertEquals(List.of("cleared high 25.0 at 24.4"), describe(h.feed("t", 24.4)));
        assertEquals(List.of(), describe(h.feed("t", 24.9, 25)));
        assertEquals(List.of("raised high 25.0 at 25.2"), describe(h.feed("t", 25.2)), "a new excursion raises again");
    }

    @Test
    void raisesOnceWhenCrossingLowAndClearsAfterHysteresis() {
        FilterHarness h = new FilterHarness(rule("t", "low", 19, "hysteresis", 0.5, "deadband", NO_CHANGES));
        h.feed("t", 20, 19, 18.9, 18, 19.4, 19.5, 19.6, 19);
        assertEquals(List.of("raised low 19.0 at 18.9", "cleared low 19.0 at 19.6"), h.alarmsSent());
    }

    @Test
    void aJumpFromAboveHighToBelowLowClearsTheHighAlarmAndRaisesTheLowOne() {
        FilterHarness h = new FilterHarness(rule("t", "low", 19, "high", 25, "hysteresis", 0.5, "deadband", NO_CHANGES));
        h.feed("t", 22, 26, 10, 22);
        assertEquals(List.of("raised high 25.0 at 26.0", "cleared high 25.0 at 10.0", "raised low 19.0 at 10.0",
            "cleared low 19.0 at 22.0"), h.alarmsSent());
    }

    @Test
    void chatterAroundTheLimitRaisesOnce() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "hysteresis", 0.5, "deadband", NO_CHANGES));
        double[] chatter = new double[200];
        for (int i = 0; i < chatter.length; i++) {
            chatter[i] = i % 2 == 0 ? 24.8 : 25.2;
        }
        h.feed("t", chatter);
        assertEquals(List.of("raised high 25.0 at 25.2"), h.alarmsSent());
        h.feed("t", 20);
        assertEquals(List.of("raised high 25.0 at 25.2", "cleared high 25.0 at 20.0"), h.alarmsSent());
    }

    /**
     * Property: for any signal, alarm messages alternate raised/cleared; a raise is sent at the first value beyond the
     * limit while no alarm is active, a clear at the first value back inside by more than the hysteresis, and nothing
     * in between; no value beyond the limit goes unnoticed.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void alarmsFollowTheSignalExactlyForRandomSignals(long seed) {
        Random random = new Random(seed);
        double high = 25;
        double hysteresis = random.nextInt(4) * 0.25;
        FilterHarness h = new FilterHarness(rule("t", "high", high, "hysteresis", hysteresis, "deadband", NO_CHANGES));
        double v = 22;
        boolean active = false;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            v = Math.max(15, Math.min(35, v + (random.nextDouble() - 0.5) * 2));
            double rounded = Math.round(v * 10) / 10.0;
            if (!active && rounded > high) {
                active = true;
                expected.add("raised high 25.0 at " + rounded);
            } else if (active && rounded < high - hysteresis) {
                active = false;
                expected.add("cleared high 25.0 at " + rounded);
            }
            h.feed("t", rounded);
        }
        assertTrue(expected.size() > 4, "the signal crosses the limit several times");
        assertEquals(expected, h.alarmsSent());
    }

    @Test
    void deadbandAbsoluteReportsOnlyMovesOfMoreThanTheDeadbandSinceTheLastReportedValue() {
        FilterHarness h = new FilterHarness(rule("t", "deadband", 0.5));
        h.feed("t", 20, 20.3, 20.5, 20.51, 20.2, 20.1, 20.0, 19.9);
        assertEquals(List.of("EVENT t=20.0", "EVENT t=20.51", "EVENT t=20.0"), describe(h.sent));
    }

    @Test
    void deadbandPercentIsAShareOfTheLastReportedValue() {
        FilterHarness h = new FilterHarness(rule("t", "deadband", 10, "deadbandPercent", true));
        h.feed("t", 100, 109, 110, 111, 100.5, 99);
        assertEquals(List.of("EVENT t=100.0", "EVENT t=111.0", "EVENT t=99.0"), describe(h.sent));
    }

    @Test
    void withoutADeadbandEveryChangeIsReportedAndRepeatsAreNot() {
        FilterHarness h = new FilterHarness(rule("t"));
        h.feed("t", 1, 1, 2, 2, 2, 1);
        assertEquals(List.of("EVENT t=1.0", "EVENT t=2.0", "EVENT t=1.0"), describe(h.sent));
    }

    @Test
    void heartbeatReportsAnUnchangedValueAtLeastEveryPeriod() {
        FilterHarness h = new FilterHarness(rule("t", "deadband", 1, "heartbeatSeconds", 10));
        List<Long> seconds = new ArrayList<>();
        long start = h.clock.millis();
        for (int i = 0; i < 35; i++) {
            for (UpstreamMessage m : h.feed("t", 20 + (i % 2) * 0.1)) {
                seconds.add((m.timestamp() - start) / 1000);
                assertEquals(i == 0 ? MessageClass.EVENT : MessageClass.TELEMETRY, m.messageClass());
            }
        }
        assertEquals(List.of(1L, 11L, 21L, 31L), seconds);
    }

    @Test
    void anEventRestartsTheHeartbeatPeriod() {
        FilterHarness h = new FilterHarness(rule("t", "deadband", 1, "heartbeatSeconds", 10));
        h.feed("t", 20, 20, 20, 20, 20);          // seconds 1..5, EVENT at 1
        h.feed("t", 25);                          // second 6: EVENT
        h.feed("t", 25, 25, 25, 25, 25, 25, 25, 25, 25); // seconds 7..15: nothing
        assertEquals(List.of("EVENT t=20.0", "EVENT t=25.0"), describe(h.sent));
        assertEquals(List.of("TELEMETRY t=25.0"), describe(h.feed("t", 25)), "second 16 is 10 s after the event");
    }

    @Test
    void minIntervalLimitsReportsButNeverDelaysAlarms() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "minIntervalSeconds", 5));
        List<String> seen = new ArrayList<>();
        double[] values = {20, 21, 26, 27, 28, 29, 30, 31, 32, 20};
        for (double v : values) {
            for (String s : describe(h.feed("t", v))) {
                seen.add((h.clock.millis() - 1_700_000_000_000L) / 1000 + ": " + s);
            }
        }
        assertEquals(List.of("1: EVENT t=20.0", "3: raised high 25.0 at 26.0", "8: EVENT t=31.0", "10: cleared high 25.0 at 20.0"),
            seen);
    }

    @Test
    void booleansReportOnChangeAndAlarmWhenTrue() {
        FilterHarness h = new FilterHarness(rule("door", "alarmWhen", "true"));
        assertEquals(List.of("EVENT door=false"), describe(h.feed("door", Value.of(false))));
        assertEquals(List.of(), describe(h.feed("door", Value.of(false))));
        assertEquals(List.of("raised true 1.0 at true"), describe(h.feed("door", Value.of(true))));
        assertEquals(List.of(), describe(h.feed("door", Value.of(true))));
        assertEquals(List.of("cleared true 1.0 at false"), describe(h.feed("door", Value.of(false))));
    }

    @Test
    void booleansAlarmWhenFalse() {
        FilterHarness h = new FilterHarness(rule("pump", "alarmWhen", "false"));
        h.feed("pump", Value.of(true));
        h.feed("pump", Value.of(false));
        h.feed("pump", Value.of(true));
        assertEquals(List.of("EVENT pump=true", "raised false 0.0 at false", "cleared false 0.0 at true"), describe(h.sent));
    }

    @Test
    void booleansWithoutAlarmOnlyReportChanges() {
        FilterHarness h = new FilterHarness(rule("door", "heartbeatSeconds", 60));
        for (boolean b : new boolean[] {false, false, true, true, true, false}) {
            h.feed("door", Value.of(b));
        }
        assertEquals(List.of("EVENT door=false", "EVENT door=true", "EVENT door=false"), describe(h.sent));
    }

    @Test
    void badQualityIsReportedOnceOnTransitionAndOnceOnRecovery() {
        FilterHarness h = new FilterHarness(rule("t", "deadband", 5));
        h.feed("t", 20);
        assertEquals(List.of("EVENT t.quality=BAD t.detail=timeout"), describe(h.feedBad("t", "timeout")));
        assertEquals(List.of(), describe(h.feedBad("t", "timeout")));
        assertEquals(List.of(), describe(h.feedBad("t", "another reason")));
        assertEquals(List.of("EVENT t.quality=GOOD t=20.0"), describe(h.feed("t", 20)), "recovery is reported even without a change");
        assertEquals(List.of(), describe(h.feed("t", 20)));
    }

    @Test
    void aBadReadingKeepsTheAlarmAndTheRecoveryStillClearsIt() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "deadband", NO_CHANGES));
        h.feed("t", 26);
        h.feedBad("t", "timeout");
        h.feed("t", 20);
        assertEquals(List.of("raised high 25.0 at 26.0", "EVENT t.quality=BAD t.detail=timeout", "cleared high 25.0 at 20.0",
            "EVENT t.quality=GOOD t=20.0"), describe(h.sent));
    }

    @Test
    void aChannelWithoutRulePassesEveryReadingByDefault() {
        FilterHarness h = new FilterHarness(rule("other"));
        h.feed("t", 1, 1, 1);
        h.feedBad("t", "gone");
        assertEquals(List.of("TELEMETRY t=1.0", "TELEMETRY t=1.0", "TELEMETRY t=1.0", "TELEMETRY t.quality=BAD t.detail=gone"),
            describe(h.sent));
    }

    @Test
    void aChannelWithoutRuleIsDroppedWhenTheDefaultIsDropAll() {
        FilterHarness h = new FilterHarness(DefaultAction.DROP_ALL, null, rule("other"));
        h.feed("t", 1, 2, 3);
        assertEquals(List.of(), h.sent);
        assertEquals(3, h.filter.totals().suppressed());
    }

    @Test
    void ruleUpdateKeepsTheAlarmStateOfEveryChannel() {
        ThresholdRule a = rule("a", "high", 25, "deadband", NO_CHANGES);
        ThresholdRule b = rule("b", "high", 25, "deadband", NO_CHANGES);
        FilterHarness h = new FilterHarness(a, b);
        h.feed("a", 26);
        h.feed("b", 26);
        h.filter.rules(List.of(a, rule("b", "high", 25, "deadband", 2), rule("c", "high", 1)));
        h.feed("a", 27);
        h.feed("b", 27);
        assertEquals(List.of("raised high 25.0 at 26.0", "raised high 25.0 at 26.0"), h.alarmsSent(), "no second raise");
        h.feed("a", 20);
        h.feed("b", 20);
        assertEquals(List.of("raised high 25.0 at 26.0", "raised high 25.0 at 26.0", "cleared high 25.0 at 20.0",
            "cleared high 25.0 at 20.0"), h.alarmsSent());
    }

    @Test
    void anAlarmWhoseRuleNoLongerHasTheLimitIsClearedAtTheNextReading() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "deadband", NO_CHANGES));
        h.feed("t", 26);
        h.filter.rules(List.of(rule("t", "low", 0, "deadband", NO_CHANGES)));
        h.feed("t", 26);
        assertEquals(List.of("raised high 25.0 at 26.0", "cleared high 25.0 at 26.0"), h.alarmsSent());
    }

    @Test
    void anAlarmWhoseRuleWasRemovedIsClearedAndTheChannelFallsBackToTheDefault() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "deadband", NO_CHANGES));
        h.feed("t", 26);
        h.filter.rules(List.of());
        assertEquals(List.of("cleared high 25.0 at 26.0", "TELEMETRY t=26.0"), describe(h.feed("t", 26)));
    }

    @Test
    void aNotANumberValueNeitherClearsNorRaises() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "deadband", NO_CHANGES));
        h.feed("t", 26, Double.NaN, 26, Double.NaN, 20);
        assertEquals(List.of("raised high 25.0 at 26.0", "cleared high 25.0 at 20.0"), h.alarmsSent());
    }

    @Test
    void aBadReadingThatStillCarriesAValueIsJudgedAsBad() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "deadband", NO_CHANGES));
        h.feed("t", 20);
        h.filter.accept(List.of(new io.outpost.api.data.Reading(FilterHarness.DEVICE, "t", Value.of(99.0), "",
            io.outpost.api.data.Quality.BAD, "out of range", 0)));
        assertEquals(List.of("EVENT t=20.0", "EVENT t.quality=BAD t.detail=out of range"), describe(h.sent), "no alarm from a BAD value");
    }

    @Test
    void aClockSetBackDoesNotSilenceTheChannel() {
        FilterHarness h = new FilterHarness(rule("t", "deadband", 1, "heartbeatSeconds", 10, "minIntervalSeconds", 5));
        h.feed("t", 20);
        h.clock.advanceSeconds(-3600);
        h.feed("t", 25); // intervals count from the jump: within the minimum interval, so suppressed
        h.feed("t", 20, 20, 20, 20, 20, 20, 20, 20, 20);
        assertEquals(List.of("EVENT t=20.0"), describe(h.sent));
        assertEquals(List.of("TELEMETRY t=20.0"), describe(h.feed("t", 20)), "the heartbeat 10 s after the jump, not an hour later");
    }
}
