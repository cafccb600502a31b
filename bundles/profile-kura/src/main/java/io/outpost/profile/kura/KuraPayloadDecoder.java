package io.outpost.profile.kura;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.outpost.api.data.Value;
import io.outpost.json.JsonText;

/**
 * Reads an inbound KuraPayload, protobuf or JSON (recognised by a leading {@code {}), after inflating gzip
 * (recognised by its magic bytes). Sizes are limited before and after inflation. JSON follows Kura's simple-json
 * decoding: an integral number is an INT64, another number a DOUBLE; {@code body} is base64. Position is skipped
 * (no handler reads it).
 */
final class KuraPayloadDecoder {

    private final int maxPayloadBytes;
    private final int maxInflatedBytes;

    KuraPayloadDecoder(int maxPayloadBytes, int maxInflatedBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.maxInflatedBytes = maxInflatedBytes;
    }

    KuraPayload decode(byte[] payload) throws UndecodableException {
        if (payload.length > maxPayloadBytes) {
            throw new UndecodableException("payload of " + payload.length + " bytes is over the limit of " + maxPayloadBytes);
        }
        byte[] plain = BoundedGunzip.isGzip(payload) ? BoundedGunzip.inflate(payload, maxInflatedBytes) : payload;
        if (looksLikeJson(plain)) {
            return json(plain);
        }
        return protobuf(plain);
    }

    private static boolean looksLikeJson(byte[] data) {
        for (byte b : data) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    static KuraPayload protobuf(byte[] data) throws UndecodableException {
        ProtobufInput in = new ProtobufInput(data);
        long timestamp = 0;
        Map<String, Value> metrics = new LinkedHashMap<>();
        byte[] body = null;
        while (!in.atEnd()) {
            int tag = in.tag();
            int field = tag >>> 3;
            int wire = tag & 7;
            if (field == 1 && wire == ProtobufInput.VARINT) {
                timestamp = in.varint();
            } else if (field == 5000 && wire == ProtobufInput.LENGTH_DELIMITED) {
                metric(in.message(), metrics);
            } else if (field == 5001 && wire == ProtobufInput.LENGTH_DELIMITED) {
                body = in.bytes();
            } else {
                in.skip(wire);
            }
        }
        return new KuraPayload(timestamp, null, metrics, body);
    }

    private static void metric(ProtobufInput in, Map<String, Value> metrics) throws UndecodableException {
        String name = null;
        int type = -1;
        Value[] byField = new Value[10];
        while (!in.atEnd()) {
            int tag = in.tag();
            int field = tag >>> 3;
            int wire = tag & 7;
            switch (field) {
                case 1 -> name = wire == ProtobufInput.LENGTH_DELIMITED ? in.string() : fail("metric name is not a string");
                case 2 -> type = wire == ProtobufInput.VARINT ? (int) in.varint() : fail("metric type is not a varint");
                case 3 -> byField[3] = wire == ProtobufInput.FIXED64 ? Value.of(Double.longBitsToDouble(in.fixed64())) : fail("bad double_value");
                case 4 -> byField[4] = wire == ProtobufInput.FIXED32 ? Value.of(Float.intBitsToFloat(in.fixed32())) : fail("bad float_value");
                case 5 -> byField[5] = wire == ProtobufInput.VARINT ? Value.of(in.varint()) : fail("bad long_value");
                case 6 -> byField[6] = wire == ProtobufInput.VARINT ? Value.of((int) in.varint()) : fail("bad int_value");
                case 7 -> byField[7] = wire == ProtobufInput.VARINT ? Value.of(in.varint() != 0) : fail("bad bool_value");
                case 8 -> byField[8] = wire == ProtobufInput.LENGTH_DELIMITED ? Value.of(in.string()) : fail("bad string_value");
                case 9 -> byField[9] = wire == ProtobufInput.LENGTH_DELIMITED ? Value.of(in.bytes()) : fail("bad bytes_value");
                default -> in.skip(wire);
            }
        }
        if (name == null || type < 0) {
            throw new UndecodableException("a metric without its required name or type");
        }
        if (type > KuraProtobuf.BYTES) {
            throw new UndecodableException("metric '" + name + "' has unknown type " + type);
        }
        Value value = byField[type + 3];
        if (value != null) {   // Kura drops a metric without its value too
            metrics.put(name, value);
        }
    }

    private static <T> T fail(String why) throws UndecodableException {
        throw new UndecodableException(why);
    }

    static KuraPayload json(byte[] data) throws UndecodableException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new UndecodableException("JSON payload is not UTF-8");
        }
        Object root;
        try {
            root = JsonText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UndecodableException(e.getMessage());
        }
        if (!(root instanceof Map<?, ?> object)) {
            throw new UndecodableException("JSON payload is not an object");
        }
        long sentOn = object.get("sentOn") instanceof Long l ? l : 0;
        Map<String, Value> metrics = new LinkedHashMap<>();
        if (object.get("metrics") instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Value v = jsonValue(e.getValue());
                if (v != null) {
                    metrics.put((String) e.getKey(), v);
                }
            }
        } else if (object.containsKey("metrics")) {
            throw new UndecodableException("JSON 'metrics' is not an object");
        }
        byte[] body = null;
        Object b = object.get("body");
        if (b instanceof String s) {
            try {
                body = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw new UndecodableException("JSON 'body' is not base64");
            }
        } else if (b != null) {
            throw new UndecodableException("JSON 'body' is not a string");
        }
        return new KuraPayload(sentOn, null, metrics, body);
    }

    private static Value jsonValue(Object v) {
        if (v instanceof Long l) {
            return Value.of(l);
        }
        if (v instanceof Double d) {
            return Value.of(d);
        }
        if (v instanceof Boolean b) {
            return Value.of(b);
        }
        if (v instanceof String s) {
            return Value.of(s);
        }
        return null;  // null, objects and arrays are not metric values
    }

}
