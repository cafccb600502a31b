package io.outpost.hq.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.outpost.api.hq.alert.InvalidFieldException;

class RuleParserTest {

    @Test
    void readsAnAlarmRuleWithEscalationDigestAndTemplates() {
        Rule r = RuleParser.parse("""
                {"name": "pump.alarm", "condition": {"type": "alarm", "gateway": "acme/gw-1", "device": "pump", "channel": "pressure"},
                 "notify": [{"notifier": "mail", "to": "ops@example.org"}, {"notifier": "sms", "to": "+4917012345"}],
                 "escalate": {"after": "15m", "notifier": "mail", "to": "boss@example.org"},
                 "digest": "10m", "subject": "{rule} {state}", "message": "{detail}"}
                """);
        assertEquals("pump.alarm", r.name());
        Condition.Alarm a = (Condition.Alarm) r.condition();
        assertTrue(a.matches("acme", "gw-1", "pump", "pressure"));
        assertTrue(!a.matches("acme", "gw-2", "pump", "pressure"));
        assertTrue(!a.matches("acme", "gw-1", "pump", "flow"));
        assertEquals(2, r.contacts().size());
        assertEquals(new Contact("sms", "+4917012345"), r.contacts().get(1));
        assertEquals(Duration.ofMinutes(15), r.escalation().orElseThrow().after());
        assertEquals(Duration.ofMinutes(10), r.digest());
        assertEquals("{rule} {state}", r.subjectTemplate());
    }

    @Test
    void readsEachConditionType() {
        String to = ", \"notify\": [{\"notifier\": \"mail\", \"to\": \"a@b.c\"}]}";
        assertEquals(new Condition.Offline(Condition.GatewayFilter.ANY, Duration.ofMinutes(5)),
                RuleParser.parse("{\"name\": \"o\", \"condition\": {\"type\": \"offline\", \"for\": \"5m\"}" + to).condition());
        assertEquals(new Condition.NoData(Condition.GatewayFilter.ANY, "sim1", "level", Duration.ofHours(2)),
                RuleParser.parse("{\"name\": \"n\", \"condition\": {\"type\": \"no-data\", \"device\": \"sim1\", \"channel\": \"level\", \"for\": \"2h\"}" + to).condition());
        Condition.OutOfRange o = (Condition.OutOfRange) RuleParser.parse("{\"name\": \"r\", \"condition\": {\"type\": \"out-of-range\", \"device\": \"d\","
                + " \"channel\": \"c\", \"low\": 1, \"high\": 2.5, \"window\": \"90s\", \"statistic\": \"max\"}" + to).condition();
        assertEquals(Optional.of(1.0), o.low());
        assertTrue(o.outside(2.6) && o.outside(0.9) && !o.outside(2.5));
        assertEquals(1000.0, ((Condition.Counter) RuleParser.parse("{\"name\": \"k\", \"condition\": {\"type\": \"counter\", \"device\": \"d\","
                + " \"channel\": \"hours\", \"atLeast\": 1000}" + to).condition()).atLeast());
        Condition.Calendar cal = (Condition.Calendar) RuleParser.parse("{\"name\": \"c\", \"condition\": {\"type\": \"calendar\", \"start\": \"2026-03-01\","
                + " \"every\": \"90d\"}" + to).condition();
        assertEquals(Optional.empty(), cal.latestDue(Instant.parse("2026-02-28T00:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-05-30T00:00:00Z")), cal.latestDue(Instant.parse("2026-06-01T00:00:00Z")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"x\", \"condition\": {\"type\": \"offline\", \"for\": \"5x\"}, \"notify\": [{\"notifier\": \"mail\", \"to\": \"a\"}]} | 'condition.for' \"5x\" is not a duration",
        "{\"name\": \"x\", \"condition\": {\"type\": \"offline\"}, \"notify\": [{\"notifier\": \"mail\", \"to\": \"a\"}]} | 'condition.for' is missing",
        "{\"name\": \"x\", \"condition\": {\"type\": \"flood\"}, \"notify\": [{\"notifier\": \"mail\", \"to\": \"a\"}]} | 'condition.type' \"flood\" must be alarm, offline",
        "{\"name\": \"x\", \"condition\": {\"type\": \"alarm\"}, \"notify\": []} | 'notify' [] must name at least one contact",
        "{\"name\": \"x\", \"condition\": {\"type\": \"alarm\"}, \"notify\": [{\"notifier\": \"mail\"}]} | 'notify[0].to' is missing",
        "{\"name\": \"x\", \"condition\": {\"type\": \"alarm\"}, \"notify\": [{\"notifier\": \"mail\", \"to\": \"a\"}], \"escalte\": {}} | 'escalte' is not a field here",
        "{\"name\": \"x\", \"condition\": {\"type\": \"out-of-range\", \"device\": \"d\", \"channel\": \"c\", \"window\": \"1m\"}, \"notify\": [{\"notifier\": \"mail\", \"to\": \"a\"}]} | 'condition.low' or 'high' is needed",
        "{\"name\": \"x\", \"condition\": {\"type\": \"calendar\", \"start\": \"March\", \"every\": \"1d\"}, \"notify\": [{\"notifier\": \"mail\", \"to\": \"a\"}]} | 'condition.start' \"March\" is not a date",
        "{\"name\": \"a b\"} | 'name' \"a b\" must be 1-128 letters",
        "{\"name\": \"x\", | not JSON",
    })
    void refusesABadRuleNamingTheField(String json, String expected) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> RuleParser.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        // the field for programs (the REST API's 400) is the one the message names first
        Optional<String> field = expected.startsWith("'") ? Optional.of(expected.substring(1, expected.indexOf('\'', 1))) : Optional.empty();
        assertEquals(field, e.field());
    }

    @Test
    void aTemplateFillsKnownNamesAndLeavesTyposVisible() {
        assertEquals("pump firing {stat}", Template.fill("{rule} {state} {stat}", java.util.Map.of("rule", "pump", "state", "firing")));
    }
}
