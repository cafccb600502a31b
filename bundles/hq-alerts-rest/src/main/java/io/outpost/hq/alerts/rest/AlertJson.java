package io.outpost.hq.alerts.rest;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.RuleRecord;
import io.outpost.api.hq.alert.SilenceRecord;

/** The JSON of alerts, rules and silences (the schemas {@code Alert}, {@code Rule}, {@code Silence} of openapi.json). */
final class AlertJson {

    private AlertJson() {
    }

    static ObjectNode alert(ObjectNode o, AlertRecord a) {
        o.put("id", a.id());
        o.put("rule", a.rule());
        o.put("subject", a.subject());
        o.put("state", a.state().code());
        o.put("acked", a.acknowledgedAt().isPresent());
        time(o, "ackedAt", a.acknowledgedAt());
        o.put("ackedBy", a.acknowledgedBy().orElse(null));
        o.put("firedAt", a.firedAt().toString());
        time(o, "resolvedAt", a.resolvedAt());
        time(o, "escalatedAt", a.escalatedAt());
        o.put("detail", a.detail());
        return o;
    }

    static ObjectNode rule(ObjectNode o, RuleRecord r, JsonReplies json) {
        o.put("name", r.name());
        o.put("source", r.source());
        JsonNode tree = json.tree(r.json());
        if (tree == null) {
            o.put("text", r.json());
        } else {
            o.set("rule", tree);
        }
        return o;
    }

    static ObjectNode silence(ObjectNode o, SilenceRecord s) {
        o.put("id", s.id());
        o.put("rule", s.rule());
        o.put("subjectPrefix", s.subjectPrefix());
        o.put("from", s.from().toString());
        o.put("until", s.until().toString());
        o.put("reason", s.reason());
        o.put("createdBy", s.createdBy());
        return o;
    }

    private static void time(ObjectNode o, String name, Optional<Instant> t) {
        if (t.isPresent()) {
            o.put(name, t.get().toString());
        } else {
            o.putNull(name);
        }
    }
}
