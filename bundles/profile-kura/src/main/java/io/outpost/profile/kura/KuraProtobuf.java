package io.outpost.profile.kura;

import java.util.Map;

import io.outpost.api.data.Value;

/**
 * Encodes a {@link KuraPayload} in the KuraPayload protobuf wire format (see docs/kurapayload.proto in this
 * bundle): timestamp = 1, position = 2, metric = 5000 (repeated), body = 5001.
 */
final class KuraProtobuf {

    // KuraMetric.ValueType numbers
    static final int DOUBLE = 0;
    static final int FLOAT = 1;
    static final int INT64 = 2;
    static final int INT32 = 3;
    static final int BOOL = 4;
    static final int STRING = 5;
    static final int BYTES = 6;

    private KuraProtobuf() {
    }

    static byte[] encode(KuraPayload payload) {
        ProtobufWriter out = new ProtobufWriter();
        out.int64(1, payload.timestamp());
        if (payload.position() != null) {
            out.message(2, position(payload.position()));
        }
        for (Map.Entry<String, Value> metric : payload.metrics().entrySet()) {
            out.message(5000, metric(metric.getKey(), metric.getValue()));
        }
        if (payload.hasBody()) {
            out.bytes(5001, payload.body());
        }
        return out.toByteArray();
    }

    private static ProtobufWriter metric(String name, Value value) {
        ProtobufWriter m = new ProtobufWriter().string(1, name);
        if (value instanceof Value.DoubleValue v) {
            m.enumValue(2, DOUBLE).double64(3, v.value());
        } else if (value instanceof Value.FloatValue v) {
            m.enumValue(2, FLOAT).float32(4, v.value());
        } else if (value instanceof Value.Int64Value v) {
            m.enumValue(2, INT64).int64(5, v.value());
        } else if (value instanceof Value.Int32Value v) {
            m.enumValue(2, INT32).int32(6, v.value());
        } else if (value instanceof Value.BooleanValue v) {
            m.enumValue(2, BOOL).bool(7, v.value());
        } else if (value instanceof Value.StringValue v) {
            m.enumValue(2, STRING).string(8, v.value());
        } else if (value instanceof Value.BytesValue v) {
            m.enumValue(2, BYTES).bytes(9, v.value());
        } else {
            throw new IllegalArgumentException("metric '" + name + "' has an unknown value kind " + value.getClass().getName());
        }
        return m;
    }

    private static ProtobufWriter position(KuraPosition p) {
        ProtobufWriter w = new ProtobufWriter().double64(1, p.latitude()).double64(2, p.longitude());
        if (p.altitude() != null) {
            w.double64(3, p.altitude());
        }
        if (p.precision() != null) {
            w.double64(4, p.precision());
        }
        if (p.heading() != null) {
            w.double64(5, p.heading());
        }
        if (p.speed() != null) {
            w.double64(6, p.speed());
        }
        if (p.timestamp() != null) {
            w.int64(7, p.timestamp());
        }
        if (p.satellites() != null) {
            w.int32(8, p.satellites());
        }
        if (p.status() != null) {
            w.int32(9, p.status());
        }
        return w;
    }
}
