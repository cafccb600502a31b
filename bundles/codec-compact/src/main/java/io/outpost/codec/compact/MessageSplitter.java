package io.outpost.codec.compact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.data.Value;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Splits a message too large for one frame into several {@link MessageBody} bodies, each a complete message with the
 * same class, topic and time and some of the metrics, in order: HQ reads each part as a message of its own (the
 * metrics of a reading set arrive in two or three frames). Packs as many metrics per part as fit.
 */
public final class MessageSplitter {

    private MessageSplitter() {
    }

    /**
     * The bodies that carry {@code message} in frames of at most {@code frameBytes}: one when it fits.
     *
     * @throws IllegalArgumentException when one metric alone (with the topic) does not fit a frame
     */
    public static List<byte[]> split(UpstreamMessage message, int frameBytes) {
        int capacity = Frames.bodyCapacity(frameBytes);
        byte[] whole = MessageBody.encode(message);
        if (whole.length <= capacity) {
            return List.of(whole);
        }
        List<byte[]> parts = new ArrayList<>();
        Map<String, Value> current = new LinkedHashMap<>();
        byte[] currentBody = null;
        for (Map.Entry<String, Value> metric : message.metrics().entrySet()) {
            current.put(metric.getKey(), metric.getValue());
            byte[] body = MessageBody.encode(part(message, current));
            if (body.length <= capacity) {
                currentBody = body;
                continue;
            }
            if (currentBody == null) {
                throw new IllegalArgumentException("metric '" + metric.getKey() + "' of '" + message.topic() + "' alone takes " + body.length
                    + " bytes, over the " + capacity + " a frame of " + frameBytes + " bytes carries");
            }
            parts.add(currentBody);
            current = new LinkedHashMap<>();
            current.put(metric.getKey(), metric.getValue());
            currentBody = MessageBody.encode(part(message, current));
            if (currentBody.length > capacity) {
                throw new IllegalArgumentException("metric '" + metric.getKey() + "' of '" + message.topic() + "' alone takes "
                    + currentBody.length + " bytes, over the " + capacity + " a frame of " + frameBytes + " bytes carries");
            }
        }
        if (currentBody == null) {
            throw new IllegalArgumentException("'" + message.topic() + "' takes " + whole.length + " bytes without metrics, over the "
                + capacity + " a frame carries");
        }
        parts.add(currentBody);
        return parts;
    }

    /** Frame bytes in all for these bodies. */
    public static long frameBytes(List<byte[]> bodies) {
        return bodies.stream().mapToLong(b -> b.length + Frames.OVERHEAD_BYTES).sum();
    }

    private static UpstreamMessage part(UpstreamMessage m, Map<String, Value> metrics) {
        return new UpstreamMessage(m.messageClass(), m.topic(), m.timestamp(), metrics);
    }
}
