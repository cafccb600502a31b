package io.outpost.filter;

import static io.outpost.filter.FilterHarness.describe;
import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.UpstreamMessage;

/** Section 9 of issue 15: while no upstream is bound nothing is lost without a trace. */
class UpstreamRebindTest {

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    private ReadingFilter filter(int hold) {
        ReadingFilter filter = new ReadingFilter(clock, DefaultAction.PASS_ALL, null, Runnable::run, hold, 600_000);
        filter.rules(List.of(rule("e", "deadband", 0)));
        return filter;
    }

    private void feed(ReadingFilter f, String channel, double value) {
        clock.advanceSeconds(1);
        f.accept(List.of(Reading.good("dev", channel, Value.of(value), "", clock.millis())));
    }

    private static List<String> messages(ManualUpstream u) {
        return describe(u.sent.stream().map(ManualUpstream.Sent::message).toList());
    }

    @Test
    void messagesWhileNoUpstreamIsBoundAreHeldAndSentInOrderWhenOneIs() {
        ReadingFilter f = filter(10);
        ManualUpstream first = new ManualUpstream();
        f.upstream(first);
        feed(f, "e", 1);
        f.upstreamGone(first);
        feed(f, "e", 2);
        feed(f, "x", 7); // no rule: TELEMETRY by default
        feed(f, "e", 3);
        assertEquals(List.of("EVENT e=1.0"), messages(first));
        assertEquals(3, f.totals().held());
        ManualUpstream second = new ManualUpstream();
        f.upstream(second);
        feed(f, "e", 4);
        assertEquals(List.of("EVENT e=2.0", "TELEMETRY x=7.0", "EVENT e=3.0", "EVENT e=4.0"), messages(second));
        assertEquals(0, f.totals().held());
        assertEquals(0, f.totals().overflowed());
    }

    @Test
    void aFullHoldDropsTheOldestTelemetryFirstAndCountsIt() {
        ReadingFilter f = filter(3);
        feed(f, "e", 1);
        feed(f, "x", 1);
        feed(f, "x", 2);
        feed(f, "e", 2);
        feed(f, "e", 3);
        assertEquals(3, f.totals().held());
        assertEquals(2, f.totals().overflowed());
        ManualUpstream u = new ManualUpstream();
        f.upstream(u);
        assertEquals(List.of("EVENT e=1.0", "EVENT e=2.0", "EVENT e=3.0"), messages(u), "the telemetry made room");
        assertEquals(2, f.totals().overflowed(), "still counted after the flush");
    }

    @Test
    void aHigherRankedUpstreamTakesOverAndTheOldOnesUnbindChangesNothing() {
        ReadingFilter f = filter(10);
        ManualUpstream low = new ManualUpstream();
        ManualUpstream high = new ManualUpstream();
        f.upstream(low);
        feed(f, "e", 1);
        // DS with a greedy dynamic reference: binds the better one, then unbinds the old one
        f.upstream(high);
        f.upstreamGone(low);
        feed(f, "e", 2);
        assertEquals(List.of("EVENT e=1.0"), messages(low));
        assertEquals(List.of("EVENT e=2.0"), messages(high));
        assertEquals(0, f.totals().held());
    }

    @Test
    void heldMessagesKeepTheirContent() {
        ReadingFilter f = filter(10);
        feed(f, "e", 5);
        ManualUpstream u = new ManualUpstream();
        f.upstream(u);
        UpstreamMessage m = u.sent.get(0).message();
        assertEquals("data/dev", m.topic());
        assertEquals(clock.millis(), m.timestamp());
    }
}
