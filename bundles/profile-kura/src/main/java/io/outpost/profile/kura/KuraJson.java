package io.outpost.profile.kura;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.outpost.api.data.Value;

/**
 * Encodes a {@link KuraPayload} as JSON for people who watch the broker with {@code mosquitto_sub}:
 * <pre>{"sentOn": 1700000000000, "position": {...}, "metrics": {"t": 21.5, "on": true}, "body": "base64"}</pre>
 * Numbers and booleans are JSON numbers and booleans; strings are escaped; bytes and the body are base64;
 * NaN and the infinities, which JSON lacks, are the strings "NaN", "Infinity", "-Infinity". Position and body
 * are left out when absent. The value types are not kept: use protobuf when HQ needs them.
 */
final class KuraJson {

    private KuraJson() {
    }

    static byte[] encode(KuraPayload payload) {
        StringBuilder json = new StringBuilder(64 + 32 * payload.metrics().size());
        json.append("{\"sentOn\":").append(payload.timestamp());
        if (payload.position() != null) {
            json.append(",\"position\":");
            position(json, payload.position());
        }
        json.append(",\"metrics\":{");
        boolean first = true;
        for (Map.Entry<String, Value> metric : payload.metrics().entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, metric.getKey());
            json.append(':');
            value(json, metric.getValue());
        }
        json.append('}');
        if (payload.hasBody()) {
            json.append(",\"body\":\"").append(Base64.getEncoder().encodeToString(payload.body())).append('"');
        }
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder json, Value value) {
        if (value instanceof Value.DoubleValue v) {
            number(json, v.value());
        } else if (value instanceof Value.FloatValue v) {
            if (Float.isFinite(v.value())) {
                json.append(Float.toString(v.value()));
            } else {
                number(json, v.value());
            }
        } else if (value instanceof Value.BytesValue v) {
            json.append('"').append(Base64.getEncoder().encodeToString(v.value())).append('"');
        } else if (value instanceof Value.StringValue v) {
            string(json, v.value());
        } else {
            json.append(value);  // booleans, int32, int64: Java's text is valid JSON
        }
    }

    private static void number(StringBuilder json, double d) {
        if (Double.isNaN(d)) {
            json.append("\"NaN\"");
        } else if (Double.isInfinite(d)) {
            json.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            json.append(Double.toString(d));
        }
    }

    private static void position(StringBuilder json, KuraPosition p) {
        json.append("{\"latitude\":");
        number(json, p.latitude());
        json.append(",\"longitude\":");
        number(json, p.longitude());
        optional(json, "altitude", p.altitude());
        optional(json, "precision", p.precision());
        optional(json, "heading", p.heading());
        optional(json, "speed", p.speed());
        if (p.timestamp() != null) {
            json.append(",\"timestamp\":").append(p.timestamp());
        }
        if (p.satellites() != null) {
            json.append(",\"satellites\":").append(p.satellites());
        }
        if (p.status() != null) {
            json.append(",\"status\":").append(p.status());
        }
        json.append('}');
    }

    private static void optional(StringBuilder json, String name, Double value) {
        if (value != null) {
            json.append(",\"").append(name).append("\":");
            number(json, value);
        }
    }

    /** A JSON string: quotes, backslashes and control characters escaped; everything else as is (UTF-8). */
    static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
