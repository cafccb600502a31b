package io.outpost.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RuleValidatorTest {

    @Test
    void refusesWithTheMessageTheRuleConfigurationLogs() {
        Map<String, Object> bad = Map.of("device", "sim1", "channel", "temperature", "low", "19", "high", "abc");
        assertEquals(List.of("filter rule 'r1' refused: field 'high': 'abc' is not a number"), new RuleValidator().refusals("r1", bad));
    }

    @Test
    void acceptsAGoodRule() {
        assertEquals(List.of(), new RuleValidator().refusals("r1", Map.of("device", "sim1", "low", "19", "high", "25", "hysteresis", 0.5)));
    }
}
