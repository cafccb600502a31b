package io.outpost.filter;

import static io.outpost.filter.FilterHarness.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/** The messages of docs/threshold-filter.md "Message mapping", and the counters. */
class MessageMappingTest {

    @Test
    void oneBatchGivesAlarmMessagesFirstThenOneEventAndOneTelemetryMessage() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "deadband", 1000), rule("h", "deadband", 1),
            rule("e", "deadband", 1000, "heartbeatSeconds", 1), rule("q"));
        h.filter.accept(List.of(Reading.good("boiler", "e", Value.of(10L), "Wh", 1000)));
        h.sent.clear();
        h.clock.advanceSeconds(5);
        h.filter.accept(List.of(
            Reading.good("boiler", "t", Value.of(26.5), "degC", 2000),
            Reading.good("boiler", "h", Value.of(40), "%", 2003),
            Reading.good("boiler", "e", Value.of(11L), "Wh", 2001),
            Reading.bad("boiler", "q", "", "timeout", 2002)));

        assertEquals(3, h.sent.size());
        UpstreamMessage alarm = h.sent.get(0);
        assertEquals(MessageClass.ALARM, alarm.messageClass());
        assertEquals("alarms/boiler", alarm.topic());
        assertEquals(2000, alarm.timestamp());
        Map<String, Value> expectedAlarm = new LinkedHashMap<>();
        expectedAlarm.put("channel", Value.of("t"));
        expectedAlarm.put("state", Value.of("raised"));
        expectedAlarm.put("limit", Value.of("high"));
        expectedAlarm.put("threshold", Value.of(25.0));
        expectedAlarm.put("value", Value.of(26.5));
        assertEquals(expectedAlarm, alarm.metrics());
        assertEquals(List.copyOf(expectedAlarm.keySet()), List.copyOf(alarm.metrics().keySet()));

        UpstreamMessage event = h.sent.get(1);
        assertEquals(MessageClass.EVENT, event.messageClass());
        assertEquals("data/boiler", event.topic());
        assertEquals(2003, event.timestamp(), "the newest reading's timestamp");
        assertEquals(Map.of("h", Value.of(40), "q.quality", Value.of("BAD"), "q.detail", Value.of("timeout")), event.metrics());

        UpstreamMessage telemetry = h.sent.get(2);
        assertEquals(MessageClass.TELEMETRY, telemetry.messageClass());
        assertEquals("data/boiler", telemetry.topic());
        assertEquals(2001, telemetry.timestamp());
        assertEquals(Map.of("e", Value.of(11L)), telemetry.metrics(), "the heartbeat keeps the value's type");
    }

    @Test
    void countersAndByteEstimates() {
        FilterHarness h = new FilterHarness(rule("t", "high", 25, "deadband", 1000));
        h.feed("t", 20, 20, 20, 26, 26);
        ChannelStatistics t = h.filter.channels().get(0);
        assertEquals("rule-t", t.rule());
        assertEquals(5, t.readingsIn());
        assertEquals(1, t.events());
        assertEquals(1, t.alarms());
        assertEquals(3, t.suppressed());
        assertEquals("high", t.alarmActive());
        int metric = MessageSize.metric("t", Value.of(20.0));
        assertEquals(5L * metric, t.bytesUnfiltered());

        FilterTotals totals = h.filter.totals();
        assertEquals(1, totals.alarmMessages());
        assertEquals(1, totals.eventMessages());
        int dataHeader = MessageSize.header("data/dev");
        assertEquals(5L * (dataHeader + metric), totals.bytesUnfiltered());
        assertEquals(h.sent.stream().mapToLong(MessageSize::of).sum(), totals.bytesFiltered());
        assertEquals(1.0 - (double) totals.bytesFiltered() / totals.bytesUnfiltered(), totals.savedRatio(), 1e-12);
    }

    @Test
    void refusedAndUnbuildableMessagesAreCounted() {
        ReadingFilter filter = new ReadingFilter(new MutableClock(0), DefaultAction.PASS_ALL, m -> java.util.concurrent.CompletableFuture.completedFuture(io.outpost.api.upstream.Acknowledgement.refused("test")), null);
        filter.accept(List.of(Reading.good("a", "x", Value.of(1), "", 0)));
        filter.accept(List.of(Reading.good("bad+device", "x", Value.of(1), "", 0)));
        assertEquals(2, filter.totals().refused());
        ReadingFilter throwing = new ReadingFilter(new MutableClock(0), DefaultAction.PASS_ALL, m -> {
            throw new IllegalStateException("boom");
        }, null);
        throwing.accept(List.of(Reading.good("a", "x", Value.of(1), "", 0)));
        assertEquals(1, throwing.totals().refused());
    }
}
