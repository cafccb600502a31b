package io.outpost.hq.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.MalformedPayloadException;
import io.outpost.api.hq.Metric;
import io.outpost.api.hq.PayloadDecoder;

/**
 * Reads the kura profile's JSON form (docs/protocol.md): {@code sentOn} and the {@code metrics} object, whose
 * members are numbers, booleans or strings. A metric that is null, an object or an array is malformed; position
 * and body are ignored.
 */
@Component(property = PayloadDecoder.KIND + "=" + KuraJsonDecoder.KIND)
public final class KuraJsonDecoder implements PayloadDecoder {

    static final String KIND = "kura-json";

    @Override
    public DecodedPayload decode(byte[] payload) throws MalformedPayloadException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException("JSON payload is not UTF-8");
        }
        if (!(JsonReader.read(text) instanceof Map<?, ?> root)) {
            throw new MalformedPayloadException("JSON payload is not an object");
        }
        Optional<Instant> timestamp = Optional.empty();
        Object sentOn = root.get("sentOn");
        if (sentOn != null) {
            if (!(sentOn instanceof Long millis) || millis < 0 || millis > 253_402_300_799_999L) {
                throw new MalformedPayloadException("'sentOn' is not a time in epoch milliseconds");
            }
            timestamp = Optional.of(Instant.ofEpochMilli(millis));
        }
        List<Metric> metrics = new ArrayList<>();
        Object members = root.get("metrics");
        if (members != null) {
            if (!(members instanceof Map<?, ?> map)) {
                throw new MalformedPayloadException("'metrics' is not an object");
            }
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String name = (String) e.getKey();
                Object value = e.getValue();
                if (name.isEmpty()) {
                    throw new MalformedPayloadException("a metric has an empty name");
                }
                if (!(value instanceof Number || value instanceof Boolean || value instanceof String)) {
                    throw new MalformedPayloadException("metric '" + KuraProtobufDecoder.printable(name) + "' is not a number, boolean or string");
                }
                metrics.add(new Metric(name, value));
            }
        }
        return new DecodedPayload(timestamp, metrics);
    }
}
