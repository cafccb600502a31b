package io.outpost.filter;

import java.util.Map;

import io.outpost.api.data.Value;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Estimates how many bytes a message takes on the wire, with a compact binary encoding in mind (no field
 * names repeated, no JSON): per message 1 byte of class, 8 of timestamp, 1 of topic length plus the topic; per
 * metric 1 byte of name length plus the name, 1 byte of type, then the value: 1 byte for a boolean, 4 for int32
 * and float, 8 for int64 and double, 2 bytes of length plus the content for strings and bytes. Characters
 * count one byte each (names are ASCII in practice). The same estimate serves the filtered and the unfiltered
 * figures, so their ratio is what matters.
 */
public final class MessageSize {

    static final int HEADER = 1 + 8 + 1;
    static final int METRIC = 1 + 1;

    private MessageSize() {
    }

    public static int header(String topic) {
        return HEADER + topic.length();
    }

    /** The header of {@code <prefix><device>} without building the string. */
    public static int header(String prefix, String device) {
        return HEADER + prefix.length() + device.length();
    }

    public static int metric(String name, Value value) {
        return METRIC + name.length() + value(value);
    }

    /** A string metric named {@code <base><suffix>}, without building the name. */
    public static int textMetric(String base, String suffix, String text) {
        return METRIC + base.length() + suffix.length() + 2 + text.length();
    }

    public static int value(Value value) {
        return switch (value.type()) {
            case BOOLEAN -> 1;
            case INT32, FLOAT -> 4;
            case INT64, DOUBLE -> 8;
            case STRING -> 2 + value.toString().length();
            case BYTES -> 2 + ((Value.BytesValue) value).value().length;
        };
    }

    public static int of(UpstreamMessage message) {
        int size = header(message.topic()) + message.bodyLength();
        for (Map.Entry<String, Value> metric : message.metrics().entrySet()) {
            size += metric(metric.getKey(), metric.getValue());
        }
        return size;
    }
}
