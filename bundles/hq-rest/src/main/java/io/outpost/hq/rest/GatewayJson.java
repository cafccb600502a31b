package io.outpost.hq.rest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.AlarmRecord;
import io.outpost.api.hq.Bucket;
import io.outpost.api.hq.GatewayRecord;
import io.outpost.api.hq.Sample;

/** The JSON shapes of the API (openapi.json describes them): times as ISO-8601 text, absent values as null. */
final class GatewayJson {

    private GatewayJson() {
    }

    static void summary(ObjectNode o, GatewayRecord g) {
        o.put("id", g.id().toString());
        o.put("account", g.id().account());
        o.put("clientId", g.id().clientId());
        o.put("state", g.state().code());
        o.put("lastSeen", g.lastSeen().toString());
        o.put("lastEvent", g.lastEvent().map(Enum::name).orElse(null));
        o.put("lastBirth", g.lastBirth().map(Instant::toString).orElse(null));
        o.put("profile", g.profile());
        o.put("model", g.birthMetrics().get("model_name"));
        ArrayNode apps = o.putArray("applicationIds");
        g.applicationIds().forEach(apps::add);
    }

    static void birthMetrics(ObjectNode o, GatewayRecord g) {
        ObjectNode metrics = o.putObject("birthMetrics");
        new TreeMap<>(g.birthMetrics()).forEach(metrics::put);
    }

    static void sample(ObjectNode o, Sample s) {
        o.put("time", s.time().toString());
        if (s.number() != null) {
            o.put("value", s.number());
        } else {
            o.put("text", s.text());
        }
    }

    static void bucket(ObjectNode o, Bucket b) {
        o.put("start", b.start().toString());
        o.put("count", b.count());
        o.put("min", b.min());
        o.put("avg", b.avg());
        o.put("max", b.max());
    }

    static void alarm(ObjectNode o, AlarmRecord a) {
        o.put("time", a.time().toString());
        o.put("device", a.device());
        o.put("channel", a.channel());
        o.put("state", a.state());
        o.put("limit", a.limit());
        if (a.threshold() == null) {
            o.putNull("threshold");
        } else {
            o.put("threshold", a.threshold());
        }
        o.put("value", a.value());
    }

    static Optional<String> first(Map<String, String[]> parameters, String name) {
        String[] v = parameters.get(name);
        return v == null || v.length == 0 ? Optional.empty() : Optional.of(v[0]);
    }
}
