package io.outpost.webconsole.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;

class ChannelHistoryTest {

    private static Reading at(long t, double v) {
        return Reading.good("sim1", "temperature", new Value.DoubleValue(v), "degC", t);
    }

    @Test
    void keepsEachReadingOnceAndOnlyTheWindow() {
        ChannelHistory h = new ChannelHistory(10_000);
        h.add(at(1000, 1), 1000);
        h.add(at(1000, 1), 1500); // the same reading polled again
        h.add(at(2000, 2), 2000);
        assertEquals(2, h.points("sim1/temperature").size());
        h.add(at(11_500, 3), 11_500);
        assertEquals(2, h.points("sim1/temperature").size(), "the point of t=1000 left the 10 s window");
        assertEquals(2000, h.points("sim1/temperature").get(0).time());
    }

    @Test
    void badReadingsAreNotCharted() {
        ChannelHistory h = new ChannelHistory(10_000);
        h.add(Reading.bad("sim1", "temperature", "degC", "timeout", 1000), 1000);
        assertEquals(0, h.points("sim1/temperature").size());
    }

    @Test
    void jsonStringsCannotBreakOutOfTheirQuotesOrAScript() {
        assertEquals("\"a\\\"b\\\\c\\u003c/script\\u003e\\n\"", Json.string("a\"b\\c</script>\n"));
        assertEquals("null", Json.number(Double.NaN));
    }
}
