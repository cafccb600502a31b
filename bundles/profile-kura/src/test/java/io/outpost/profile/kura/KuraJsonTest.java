package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;

class KuraJsonTest {

    private static String json(KuraPayload payload) {
        return new String(KuraJson.encode(payload), StandardCharsets.UTF_8);
    }

    @Test
    void writesSentOnMetricsByTypeAndBodyAsBase64() {
        assertEquals("{\"sentOn\":1700000000123,\"metrics\":{\"d\":21.5,\"f\":-1.25,\"l\":-5000000000,\"i\":-42,\"b\":true,"
                + "\"s\":\"caf\u00e9 \\\"quoted\\\"\",\"x\":\"AP8H\"}}",
            json(new KuraPayload(1_700_000_000_123L, KuraProtobufTest.everyType())));
        assertEquals("{\"sentOn\":1,\"metrics\":{},\"body\":\"aGk=\"}", json(new KuraPayload(1, null, Map.of(), "hi".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void escapesQuotesBackslashesAndControlCharactersInNamesAndValues() {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("a\"b\\c", Value.of("line1\nline2\ttab\r\u0001\u001f\b\f end"));
        assertEquals("{\"sentOn\":0,\"metrics\":{\"a\\\"b\\\\c\":\"line1\\nline2\\ttab\\r\\u0001\\u001f\\b\\f end\"}}",
            json(new KuraPayload(0, metrics)));
    }

    @Test
    void nonFiniteNumbersBecomeStringsBecauseJsonHasNoNaN() {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("n", Value.of(Double.NaN));
        metrics.put("p", Value.of(Float.POSITIVE_INFINITY));
        metrics.put("m", Value.of(Double.NEGATIVE_INFINITY));
        assertEquals("{\"sentOn\":0,\"metrics\":{\"n\":\"NaN\",\"p\":\"Infinity\",\"m\":\"-Infinity\"}}", json(new KuraPayload(0, metrics)));
    }

    @Test
    void positionIsAnObjectWithTheFieldsThatAreSet() {
        KuraPosition position = new KuraPosition(46.5, -6.25, null, null, null, 3.5, null, 9, 4);
        assertEquals("{\"sentOn\":0,\"position\":{\"latitude\":46.5,\"longitude\":-6.25,\"speed\":3.5,\"satellites\":9,\"status\":4},\"metrics\":{}}",
            json(new KuraPayload(0, position, Map.of(), null)));
    }
}
