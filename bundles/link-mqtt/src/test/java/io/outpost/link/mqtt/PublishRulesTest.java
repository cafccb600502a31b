package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.outpost.api.link.MessageTooLargeException;
import io.outpost.api.profile.EncodedMessage;

class PublishRulesTest {

    private static EncodedMessage message(int qos, int bytes) {
        return new EncodedMessage("acct/gw/data", new byte[bytes], qos, false);
    }

    @Test
    void qosZeroIsRefusedAsAFailedDeliveryTheOutboxRetries() {
        RuntimeException refusal = PublishRules.refusal("wired", message(0, 10), 1000, true).orElseThrow();
        assertInstanceOf(IllegalStateException.class, refusal, "not an IllegalArgumentException: the outbox must keep the message");
        assertTrue(refusal.getMessage().contains("QoS 0"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("'acct/gw/data'"), refusal.getMessage());
    }

    @Test
    void qosOneIsCarriedAndQosTwoOnlyWithACleanSession() {
        assertTrue(PublishRules.refusal("wired", message(1, 10), 1000, false).isEmpty());
        assertTrue(PublishRules.refusal("wired", message(2, 10), 1000, true).isEmpty());
        assertTrue(PublishRules.refusal("wired", message(2, 10), 1000, false).orElseThrow().getMessage().contains("cleanSession"));
    }

    @Test
    void aPayloadOverTheLimitIsTooLargeForThisLinkOnly() {
        assertTrue(PublishRules.refusal("wired", message(1, 1000), 1000, true).isEmpty(), "exactly the limit is fine");
        MessageTooLargeException tooLarge = assertInstanceOf(MessageTooLargeException.class,
            PublishRules.refusal("wired", message(1, 1001), 1000, true).orElseThrow());
        assertEquals("wired", tooLarge.link());
        assertEquals(1001, tooLarge.messageBytes());
        assertEquals(1000, tooLarge.limitBytes());
        assertTrue(tooLarge.getMessage().contains("maxMessageBytes"), tooLarge.getMessage());
    }
}
