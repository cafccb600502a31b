package io.outpost.router;

import java.util.EnumMap;
import java.util.Map;

import io.outpost.api.upstream.MessageClass;

/** What one link carried and cost in the current billing month. Guarded by the {@link UsageBook}'s lock. */
final class LinkUsageCount {

    long bytes;
    long messages;
    double cost;
    long failures;
    final long[] byClass = new long[MessageClass.values().length];

    Map<MessageClass, Long> byClass() {
        Map<MessageClass, Long> out = new EnumMap<>(MessageClass.class);
        for (MessageClass c : MessageClass.values()) {
            out.put(c, byClass[c.ordinal()]);
        }
        return out;
    }

    LinkUsageCount copy() {
        LinkUsageCount c = new LinkUsageCount();
        c.bytes = bytes;
        c.messages = messages;
        c.cost = cost;
        c.failures = failures;
        System.arraycopy(byClass, 0, c.byClass, 0, byClass.length);
        return c;
    }
}
