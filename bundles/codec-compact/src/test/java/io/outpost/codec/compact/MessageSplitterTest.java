package io.outpost.codec.compact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

class MessageSplitterTest {

    private static UpstreamMessage readings(int n) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("channel-" + i, Value.of(20.5 + i));
        }
        return new UpstreamMessage(MessageClass.EVENT, "data/pump", 1_764_000_000_000L, m);
    }

    @Test
    void aMessageThatFitsStaysOneBody() {
        assertEquals(1, MessageSplitter.split(readings(3), 340).size());
    }

    @Test
    void aLargeMessageIsSplitIntoPartsThatEachFitAndTogetherCarryEveryMetricInOrder() {
        UpstreamMessage big = readings(60);
        List<byte[]> parts = MessageSplitter.split(big, 340);
        assertTrue(parts.size() >= 3, "60 double metrics need several SBD frames: " + parts.size());
        Map<String, Value> back = new LinkedHashMap<>();
        for (byte[] body : parts) {
            assertTrue(body.length + Frames.OVERHEAD_BYTES <= 340);
            UpstreamMessage part = MessageBody.decode(body);
            assertEquals("data/pump", part.topic());
            assertEquals(MessageClass.EVENT, part.messageClass());
            back.putAll(part.metrics());
        }
        assertEquals(big.metrics(), back);
        assertEquals(List.copyOf(big.metrics().keySet()), List.copyOf(back.keySet()));
    }

    @Test
    void aMetricThatAloneDoesNotFitIsRefused() {
        UpstreamMessage m = new UpstreamMessage(MessageClass.ALARM, "alarms/x", 0, Map.of("text", Value.of("x".repeat(400))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MessageSplitter.split(m, 340));
        assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    }
}
