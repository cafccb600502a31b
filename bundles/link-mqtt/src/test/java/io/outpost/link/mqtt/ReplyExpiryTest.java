package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

class ReplyExpiryTest {

    private static OutboundMessage message(MessageClass c, long timestamp) {
        return new OutboundMessage(1, new UpstreamMessage(c, "hq/X-V1/REPLY/1", timestamp, Map.of()));
    }

    @Test
    void aReplyOlderThanItsTimeToLiveIsStaleOtherClassesNever() {
        ReplyExpiry expiry = new ReplyExpiry(120_000);
        assertFalse(expiry.isStale(message(MessageClass.REPLY, 1_000_000), 1_120_000));
        assertTrue(expiry.isStale(message(MessageClass.REPLY, 1_000_000), 1_120_001));
        assertFalse(expiry.isStale(message(MessageClass.ALARM, 0), 1_000_000_000));
        assertFalse(expiry.isStale(message(MessageClass.TELEMETRY, 0), 1_000_000_000));
    }
}
