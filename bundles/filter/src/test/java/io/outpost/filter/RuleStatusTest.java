package io.outpost.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.filter.RuleStatus;

/** Section 7 of issue 15: configuration mistakes of a rule are visible in the log, its status and outpost:filter. */
class RuleStatusTest {

    private static Map<String, Object> config(String pid, Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        m.put("service.pid", pid);
        m.put("service.factoryPid", "io.outpost.filter.rule");
        m.put("component.name", "io.outpost.filter.RuleConfiguration");
        m.put("component.id", 12L);
        m.put("felix.fileinstall.filename", "file:/etc/io.outpost.filter.rule-x.cfg");
        m.put(".private", "x");
        m.put("osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    @Test
    void unknownKeysAreNamedAndFrameworkKeysAreNot() {
        RuleConfiguration c = new RuleConfiguration(config("rule~a", "channel", "t", "high", "25", "hysteresys", "2", "Deadband", "1"));
        assertEquals(List.of("Deadband", "hysteresys"), c.status().unknownKeys());
        assertFalse(c.status().refused());
        assertEquals(0, c.rule().hysteresis(), "the misspelt key did nothing, and now says so");
    }

    @Test
    void aRefusedRuleSaysWhyAndHasNoRule() {
        RuleConfiguration c = new RuleConfiguration(config("rule~b", "low", "5", "high", "1"));
        assertNull(c.rule());
        assertTrue(c.status().refused());
        assertTrue(c.status().reason().contains("field 'high'"), c.status().reason());
    }

    @Test
    void aRefusedUpdateKeepsTheRuleAndSaysSoWithoutBeingRefused() {
        RuleConfiguration c = new RuleConfiguration(config("rule~c", "high", "10"));
        c.apply(config("rule~c", "high", "ten"));
        assertEquals(10, c.rule().high());
        assertFalse(c.status().refused(), "a rule is still in force");
        assertTrue(c.status().reason().contains("'ten' is not a number"), c.status().reason());
        c.apply(config("rule~c", "high", "12"));
        assertEquals("", c.status().reason(), "a good update clears the reason");
    }

    @Test
    void theShellCommandShowsRefusedRulesWithTheirReasonAndIgnoredKeys() {
        RuleConfiguration refused = new RuleConfiguration(config("io.outpost.filter.rule~wrong", "low", "5", "high", "1"));
        RuleConfiguration typo = new RuleConfiguration(config("io.outpost.filter.rule~typo", "high", "25", "hysteresys", "2"));
        FilterStatistics statistics = new FilterStatistics() {
            @Override
            public List<ChannelStatistics> channels() {
                return List.of();
            }

            @Override
            public FilterTotals totals() {
                return new FilterTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            }

            @Override
            public List<RuleStatus> ruleStatus() {
                return List.of(typo.status(), refused.status());
            }
        };
        String table = FilterCommand.table(statistics);
        String wrongLine = table.lines().filter(l -> l.startsWith("io.outpost.filter.rule~wrong")).findFirst().orElseThrow();
        assertTrue(wrongLine.contains("REFUSED") && wrongLine.contains("high (1.0) is below low (5.0)"), table);
        String typoLine = table.lines().filter(l -> l.startsWith("io.outpost.filter.rule~typo")).findFirst().orElseThrow();
        assertTrue(typoLine.contains("active") && typoLine.contains("unknown key(s) ignored: hysteresys"), table);
    }
}
