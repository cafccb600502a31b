package io.outpost.link.mqtt;

import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;

/**
 * How long a reply stays worth sending. Replies travel through the durable outbox, so a short blip loses none;
 * one that waited longer than the time to live (its timestamp is when the dispatcher answered) is dropped by the
 * link instead of delivered: the requester gave up long ago. Other classes never expire here.
 */
record ReplyExpiry(long ttlMillis) {

    boolean isStale(OutboundMessage message, long nowMillis) {
        return message.message().messageClass() == MessageClass.REPLY && nowMillis - message.message().timestamp() > ttlMillis;
    }
}
