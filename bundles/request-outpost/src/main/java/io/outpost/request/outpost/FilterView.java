package io.outpost.request.outpost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.filter.RuleStatus;

/** The threshold filter's records as JSON-ready maps, field names as in io.outpost.api.filter. */
final class FilterView {

    private FilterView() {
    }

    static Map<String, Object> rule(RuleStatus r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("refused", r.refused());
        m.put("reason", r.reason());
        m.put("unknownKeys", List.copyOf(r.unknownKeys()));
        return m;
    }

    static Map<String, Object> channel(ChannelStatistics c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", c.device());
        m.put("channel", c.channel());
        m.put("rule", c.rule());
        m.put("readingsIn", c.readingsIn());
        m.put("alarms", c.alarms());
        m.put("events", c.events());
        m.put("telemetry", c.telemetry());
        m.put("suppressed", c.suppressed());
        m.put("bytesUnfiltered", c.bytesUnfiltered());
        m.put("bytesFiltered", c.bytesFiltered());
        m.put("alarmActive", c.alarmActive());
        return m;
    }

    static Map<String, Object> totals(FilterTotals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readingsIn", t.readingsIn());
        m.put("alarms", t.alarms());
        m.put("events", t.events());
        m.put("telemetry", t.telemetry());
        m.put("suppressed", t.suppressed());
        m.put("alarmMessages", t.alarmMessages());
        m.put("eventMessages", t.eventMessages());
        m.put("telemetryMessages", t.telemetryMessages());
        m.put("refused", t.refused());
        m.put("bytesUnfiltered", t.bytesUnfiltered());
        m.put("bytesFiltered", t.bytesFiltered());
        m.put("savedRatio", Math.round(t.savedRatio() * 10000) / 10000.0);
        m.put("alarmsPending", t.alarmsPending());
        m.put("held", t.held());
        m.put("overflowed", t.overflowed());
        m.put("pruned", t.pruned());
        return m;
    }
}
