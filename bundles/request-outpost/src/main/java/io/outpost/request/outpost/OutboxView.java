package io.outpost.request.outpost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.outbox.LinkReport;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.upstream.MessageClass;

/** An {@link OutboxSnapshot} as a JSON-ready map; counts by class are keyed by the class name. */
final class OutboxView {

    private OutboxView() {
    }

    static Map<String, Object> of(OutboxSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("totalDepth", s.totalDepth());
        m.put("depth", byClass(s.depth()));
        m.put("oldestAgeMillis", s.oldestAge().toMillis());
        m.put("bytesStored", s.bytesStored());
        m.put("unwrittenBytes", s.unwrittenBytes());
        m.put("inFlight", s.inFlight());
        m.put("delivered", s.delivered());
        m.put("dropped", byClass(s.dropped()));
        m.put("refused", byClass(s.refused()));
        m.put("degraded", new LinkedHashMap<>(s.degraded()));
        List<Object> links = s.links().stream().map(l -> (Object) link(l)).toList();
        m.put("links", links);
        return m;
    }

    private static Map<String, Object> link(LinkReport l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("link", l.link());
        m.put("state", l.status().state().name());
        m.put("outboxInFlight", l.outboxInFlight());
        m.put("maxInFlight", l.maxInFlight());
        m.put("delivered", l.delivered());
        m.put("failed", l.failed());
        m.put("reconnects", l.status().reconnects());
        return m;
    }

    private static Map<String, Object> byClass(Map<MessageClass, Long> counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (MessageClass c : MessageClass.values()) {
            m.put(c.name(), counts.getOrDefault(c, 0L));
        }
        return m;
    }
}
