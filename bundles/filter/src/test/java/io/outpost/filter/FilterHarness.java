package io.outpost.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/** A filter with a hand-driven clock and an upstream that records what it is sent, one reading per second. */
final class FilterHarness {

    static final String DEVICE = "dev";

    final MutableClock clock = new MutableClock(1_700_000_000_000L);
    final List<UpstreamMessage> sent = new ArrayList<>();
    final ReadingFilter filter;

    FilterHarness(DefaultAction defaultAction, Path stateFile, ThresholdRule... rules) {
        filter = new ReadingFilter(clock, defaultAction, m -> {
            sent.add(m);
            return java.util.concurrent.CompletableFuture.completedFuture(io.outpost.api.upstream.Acknowledgement.durable());
        }, stateFile);
        filter.rules(List.of(rules));
    }

    FilterHarness(ThresholdRule... rules) {
        this(DefaultAction.PASS_ALL, null, rules);
    }

    static ThresholdRule rule(String channel, Object... keyValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("channel", channel);
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        return ThresholdRule.parse("rule-" + channel, properties);
    }

    /** Feeds one value per second (the clock moves one second before each) and returns what was sent meanwhile. */
    List<UpstreamMessage> feed(String channel, double... values) {
        int before = sent.size();
        for (double v : values) {
            clock.advanceSeconds(1);
            filter.accept(List.of(Reading.good(DEVICE, channel, Value.of(v), "", clock.millis())));
        }
        return List.copyOf(sent.subList(before, sent.size()));
    }

    List<UpstreamMessage> feed(String channel, Value value) {
        int before = sent.size();
        clock.advanceSeconds(1);
        filter.accept(List.of(Reading.good(DEVICE, channel, value, "", clock.millis())));
        return List.copyOf(sent.subList(before, sent.size()));
    }

    List<UpstreamMessage> feedBad(String channel, String detail) {
        int before = sent.size();
        clock.advanceSeconds(1);
        filter.accept(List.of(Reading.bad(DEVICE, channel, "", detail, clock.millis())));
        return List.copyOf(sent.subList(before, sent.size()));
    }

    /** Short descriptions, e.g. "raised high 25.0 at 25.5", "cleared high", "EVENT t=21.0", "TELEMETRY t=21.0". */
    static List<String> describe(List<UpstreamMessage> messages) {
        List<String> out = new ArrayList<>();
        for (UpstreamMessage m : messages) {
            if (m.messageClass() == MessageClass.ALARM) {
                out.add(m.metrics().get("state") + " " + m.metrics().get("limit") + " " + m.metrics().get("threshold")
                    + " at " + m.metrics().get("value"));
            } else {
                StringBuilder s = new StringBuilder(m.messageClass().name());
                m.metrics().forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
                out.add(s.toString());
            }
        }
        return out;
    }

    List<String> alarmsSent() {
        return describe(sent.stream().filter(m -> m.messageClass() == MessageClass.ALARM).toList());
    }
}
