package io.outpost.request.outpost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkStatus;

/**
 * The {@link Link} services with their service properties, as a component's dynamic reference binds and unbinds
 * them, and each link as a JSON-ready map: what the link says about itself ({@link Link#status()}) and its
 * {@link LinkDescriptor} when it publishes one (a link without one, or with a wrong one, says why).
 */
final class LinkDirectory {

    private final Map<Link, Map<String, Object>> links = new ConcurrentHashMap<>();

    void add(Link link, Map<String, Object> properties) {
        links.put(link, Map.copyOf(properties));
    }

    void remove(Link link) {
        links.remove(link);
    }

    /** Every link, by name. */
    List<Map<String, Object>> views() {
        List<Map<String, Object>> out = new ArrayList<>();
        links.forEach((link, properties) -> out.add(view(link, properties)));
        out.sort(Comparator.comparing(m -> String.valueOf(m.get("name"))));
        return out;
    }

    static Map<String, Object> view(Link link, Map<String, Object> properties) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", String.valueOf(properties.get(Link.ID)));
        try {
            LinkStatus status = link.status();
            m.put("state", status.state().name());
            m.put("inFlight", status.inFlight());
            m.put("reconnects", status.reconnects());
            m.put("maxInFlight", link.maxInFlight());
            m.put("maxMessageBytes", link.maxMessageBytes());
        } catch (RuntimeException e) {
            m.put("state", "UNKNOWN");
            m.put("error", "the link did not say: " + e.getMessage());
        }
        if (properties.containsKey(LinkDescriptor.KIND)) {
            try {
                LinkDescriptor d = LinkDescriptor.fromProperties(properties);
                m.put("kind", d.kind().code());
                Map<String, Object> cost = new LinkedHashMap<>();
                cost.put("perKilobyte", d.cost().perKilobyte());
                cost.put("perMessage", d.cost().perMessage());
                cost.put("monthlyFee", d.cost().monthlyFee());
                m.put("cost", cost);
                m.put("monthlyBudget", d.monthlyBudget());
                m.put("classes", d.allowedClasses().stream().map(Enum::name).sorted().toList());
                m.put("priority", d.priority());
            } catch (IllegalArgumentException e) {
                m.put("descriptorError", e.getMessage());
            }
        }
        return m;
    }
}
