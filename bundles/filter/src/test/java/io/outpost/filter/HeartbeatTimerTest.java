package io.outpost.filter;

import static io.outpost.filter.FilterHarness.describe;
import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/** Section 9 of issue 15: a pushed channel that does not change still sends its heartbeat, driven by the timer. */
class HeartbeatTimerTest {

    @Test
    void aSilentPushedChannelSendsItsLastValueEveryHeartbeatPeriod() {
        FilterHarness h = new FilterHarness(rule("door", "heartbeatSeconds", 60));
        h.feed("door", Value.of(false));
        long sampled = h.clock.millis();
        h.sent.clear();
        h.clock.advanceSeconds(59);
        h.filter.tick();
        assertEquals(List.of(), describe(h.sent), "not before the period");
        h.clock.advanceSeconds(1);
        h.filter.tick();
        assertEquals(List.of("TELEMETRY door=false"), describe(h.sent), "60 s after the last report");
        UpstreamMessage heartbeat = h.sent.get(0);
        assertEquals(MessageClass.TELEMETRY, heartbeat.messageClass());
        assertEquals(sampled, heartbeat.timestamp(), "the reading's own time: HQ sees how old the value is");
        h.clock.advanceSeconds(59);
        h.filter.tick();
        assertEquals(1, h.sent.size());
        h.clock.advanceSeconds(1);
        h.filter.tick();
        assertEquals(2, h.sent.size(), "every period");
    }

    @Test
    void aChannelThatIsPolledGetsOneHeartbeatPerPeriodWhetherTheTimerOrTheReadingComesFirst() {
        FilterHarness h = new FilterHarness(rule("t", "deadband", 1, "heartbeatSeconds", 10));
        h.feed("t", 20);
        h.sent.clear();
        for (int i = 0; i < 60; i++) {
            h.feed("t", 20.1);
            h.filter.tick();
        }
        assertEquals(6, h.sent.size(), describe(h.sent).toString());
    }

    @Test
    void aBadChannelOrOneWithoutHeartbeatGetsNone() {
        FilterHarness h = new FilterHarness(rule("q", "heartbeatSeconds", 5), rule("n"));
        h.feed("q", 1);
        h.feedBad("q", "timeout");
        h.feed("n", 1);
        h.sent.clear();
        h.clock.advanceSeconds(100);
        h.filter.tick();
        assertEquals(List.of(), describe(h.sent));
    }

    @Test
    void aTimerHeartbeatOfSeveralChannelsOfOneDeviceIsOneMessage() {
        FilterHarness h = new FilterHarness(rule("*", "heartbeatSeconds", 30, "deadband", 1000));
        h.filter.accept(List.of(Reading.good("dev", "a", Value.of(1), "", 1), Reading.good("dev", "b", Value.of(2), "", 2)));
        h.sent.clear();
        h.clock.advanceSeconds(30);
        h.filter.tick();
        assertEquals(List.of("TELEMETRY a=1 b=2"), describe(h.sent));
    }

    @Test
    void aRemovedDeviceSendsNoHeartbeatWhileItWaitsToBePruned() {
        FilterHarness h = new FilterHarness(rule("door", "heartbeatSeconds", 60));
        h.filter.deviceAdded(FilterHarness.DEVICE);
        h.feed("door", Value.of(false));
        h.sent.clear();
        h.filter.deviceRemoved(FilterHarness.DEVICE);
        h.clock.advanceSeconds(120);
        h.filter.tick();
        assertEquals(List.of(), describe(h.sent), "no heartbeat for a device whose configuration is gone");
        h.filter.deviceAdded(FilterHarness.DEVICE);
        h.clock.advanceSeconds(60);
        h.filter.tick();
        assertEquals(List.of("TELEMETRY door=false"), describe(h.sent), "back again: heartbeats again");
    }
}
