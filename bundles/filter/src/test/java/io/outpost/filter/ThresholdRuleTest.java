package io.outpost.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdRuleTest {

    private static Map<String, Object> config(String... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void parsesStringsAsWrittenInCfgFiles() {
        ThresholdRule r = ThresholdRule.parse("temp", config("device", "sim*", "channel", "temperature", "low", "19", "high", "25",
            "hysteresis", "0.5", "deadband", "2", "deadbandPercent", "true", "heartbeatSeconds", "300", "minIntervalSeconds", "10",
            "alarmWhen", "none"));
        assertEquals(19, r.low());
        assertEquals(25, r.high());
        assertEquals(0.5, r.hysteresis());
        assertTrue(r.deadbandPercent());
        assertEquals(300_000, r.heartbeatMillis());
        assertEquals(10_000, r.minIntervalMillis());
        assertTrue(r.appliesTo("sim1", "temperature"));
        assertTrue(!r.appliesTo("modbus1", "temperature"));
    }

    @Test
    void emptyLimitsMeanNoLimit() {
        ThresholdRule r = ThresholdRule.parse("x", config("channel", "x", "low", "", "high", " "));
        assertTrue(!r.hasLow() && !r.hasHigh());
        assertEquals(AlarmWhen.NONE, r.alarmWhen());
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
        "high, 10, low=20",
        "hysteresis, -1, ",
        "hysteresis, 10, low=0",
        "deadband, -0.1, ",
        "device, 'sim[12]', ",
        "channel, '', ",
        "low, abc, ",
        "alarmWhen, maybe, ",
        "deadbandPercent, yes, ",
        "heartbeatSeconds, 5, minIntervalSeconds=10",
        "minIntervalSeconds, -5, ",
    })
    void aWrongConfigurationIsRefusedNamingTheConfigurationAndTheField(String field, String value, String other) {
        Map<String, Object> c = config("channel", "t", "high", "20", field, value == null ? "" : value);
        if (other != null) {
            String[] kv = other.split("=");
            c.put(kv[0], kv[1]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThresholdRule.parse("my-rule", c));
        assertTrue(e.getMessage().contains("'my-rule'") && e.getMessage().contains("field '" + field + "'"), e.getMessage());
    }

    @Test
    void theMostSpecificRuleWins() {
        ThresholdRule any = ThresholdRule.parse("any", config());
        ThresholdRule temps = ThresholdRule.parse("temps", config("channel", "temp*"));
        ThresholdRule sim = ThresholdRule.parse("sim", config("device", "sim?", "channel", "temp*"));
        ThresholdRule exact = ThresholdRule.parse("exact", config("device", "sim1", "channel", "temperature"));
        RuleMatcher m = RuleMatcher.empty().with(List.of(any, exact, sim, temps));
        assertSame(exact, m.ruleFor("sim1", "temperature"));
        assertSame(sim, m.ruleFor("sim2", "temperature"));
        assertSame(temps, m.ruleFor("plc", "temp_in"));
        assertSame(any, m.ruleFor("plc", "pressure"));
        assertEquals(null, RuleMatcher.empty().with(List.of(temps)).ruleFor("plc", "pressure"));
    }

    @Test
    void onATieTheChannelPatternThenTheNameDecide() {
        ThresholdRule byDevice = ThresholdRule.parse("b", config("device", "abcd", "channel", "*"));
        ThresholdRule byChannel = ThresholdRule.parse("c", config("device", "*", "channel", "wxyz"));
        RuleMatcher m = RuleMatcher.empty().with(List.of(byDevice, byChannel));
        assertSame(byChannel, m.ruleFor("abcd", "wxyz"));
        ThresholdRule twin1 = ThresholdRule.parse("a-twin", config("channel", "t?"));
        ThresholdRule twin2 = ThresholdRule.parse("z-twin", config("channel", "?t"));
        assertSame(twin1, RuleMatcher.empty().with(List.of(twin2, twin1)).ruleFor("d", "tt"));
    }

    @Test
    void globsMatchWholeNamesWithStarAndQuestionMark() {
        GlobPattern p = GlobPattern.parse("a*b?.c");
        assertTrue(p.matches("ab1.c"));
        assertTrue(p.matches("axxxbz.c"));
        assertTrue(!p.matches("ab.c"));
        assertTrue(!p.matches("abz.cd"));
        assertTrue(!p.matches("abzxc"), "the dot is literal");
        assertEquals(4, p.literals());
    }
}
