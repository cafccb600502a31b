package io.outpost.hq.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.MalformedPayloadException;
import io.outpost.api.hq.Metric;
import io.outpost.api.hq.PayloadDecoder;

/**
 * Reads a KuraPayload (docs/protocol.md, Kura's field numbers): timestamp (1), metrics (5000). Position (2),
 * body (5001) and unknown fields are skipped. A metric without a name, type or the value its type names is
 * malformed.
 */
@Component(property = PayloadDecoder.KIND + "=" + KuraProtobufDecoder.KIND)
public final class KuraProtobufDecoder implements PayloadDecoder {

    static final String KIND = "kura-protobuf";
    private static final int MAX_METRICS = 10_000;

    @Override
    public DecodedPayload decode(byte[] payload) throws MalformedPayloadException {
        ProtobufReader in = new ProtobufReader(payload);
        Optional<Instant> timestamp = Optional.empty();
        List<Metric> metrics = new ArrayList<>();
        while (in.hasMore()) {
            long tag = in.tag();
            long field = tag >>> 3;
            int wire = (int) (tag & 7);
            if (field == 1 && wire == ProtobufReader.VARINT) {
                long millis = in.varint();
                if (millis < 0 || millis > 253_402_300_799_999L) {
                    throw new MalformedPayloadException("timestamp " + millis + " is not a time");
                }
                timestamp = Optional.of(Instant.ofEpochMilli(millis));
            } else if (field == 5000 && wire == ProtobufReader.LENGTH_DELIMITED) {
                if (metrics.size() == MAX_METRICS) {
                    throw new MalformedPayloadException("more than " + MAX_METRICS + " metrics");
                }
                metrics.add(metric(in.message()));
            } else {
                in.skip(wire);
            }
        }
        return new DecodedPayload(timestamp, metrics);
    }

    private static Metric metric(ProtobufReader in) throws MalformedPayloadException {
        String name = null;
        long type = -1;
        Object[] values = new Object[10];
        while (in.hasMore()) {
            long tag = in.tag();
            int field = (int) Math.min(tag >>> 3, Integer.MAX_VALUE);
            int wire = (int) (tag & 7);
            switch (field) {
                case 1 -> name = expect(wire, ProtobufReader.LENGTH_DELIMITED, field) ? in.string() : null;
                case 2 -> type = expect(wire, ProtobufReader.VARINT, field) ? in.varint() : -1;
                case 3 -> values[3] = expect(wire, ProtobufReader.FIXED64, field) ? Double.longBitsToDouble(in.fixed64()) : null;
                case 4 -> values[4] = expect(wire, ProtobufReader.FIXED32, field) ? Float.intBitsToFloat(in.fixed32()) : null;
                case 5 -> values[5] = expect(wire, ProtobufReader.VARINT, field) ? in.varint() : null;
                case 6 -> values[6] = expect(wire, ProtobufReader.VARINT, field) ? (int) in.varint() : null;
                case 7 -> values[7] = expect(wire, ProtobufReader.VARINT, field) ? in.varint() != 0 : null;
                case 8 -> values[8] = expect(wire, ProtobufReader.LENGTH_DELIMITED, field) ? in.string() : null;
                case 9 -> values[9] = expect(wire, ProtobufReader.LENGTH_DELIMITED, field) ? in.bytes() : null;
                default -> in.skip(wire);
            }
        }
        if (name == null || name.isEmpty()) {
            throw new MalformedPayloadException("a metric has no name");
        }
        if (type < 0 || type > 6) {
            throw new MalformedPayloadException("metric '" + printable(name) + "' has no valid type (" + type + ")");
        }
        Object value = values[(int) type + 3];
        if (value == null) {
            throw new MalformedPayloadException("metric '" + printable(name) + "' of type " + type + " has no value");
        }
        return new Metric(name, value);
    }

    private static boolean expect(int wire, int expected, int field) throws MalformedPayloadException {
        if (wire != expected) {
            throw new MalformedPayloadException("metric field " + field + " has wire type " + wire + ", not " + expected);
        }
        return true;
    }

    static String printable(String s) {
        String clipped = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
