package io.outpost.api.router;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.outpost.api.upstream.MessageClass;

/**
 * Per message class, the links that may carry it now, in the order they should be tried. A message goes to the
 * first of its class's links that has not refused it as not fitting; with none, it waits (durably, in the
 * outbox) until the table changes.
 *
 * @param routes per class, link ids in order; a class without links waits
 */
public record RoutingTable(Map<MessageClass, List<String>> routes) {

    /** Nothing may be sent. */
    public static final RoutingTable NONE = new RoutingTable(Map.of());

    public RoutingTable {
        EnumMap<MessageClass, List<String>> copy = new EnumMap<>(MessageClass.class);
        for (MessageClass c : MessageClass.values()) {
            List<String> links = routes == null ? null : routes.get(c);
            copy.put(c, links == null ? List.of() : List.copyOf(links));
        }
        routes = Collections.unmodifiableMap(copy);
    }

    /** A table that routes every class to these links, in this order (a fixed route for an outbox wired by hand). */
    public static RoutingTable everything(String... links) {
        EnumMap<MessageClass, List<String>> all = new EnumMap<>(MessageClass.class);
        for (MessageClass c : MessageClass.values()) {
            all.put(c, List.of(links));
        }
        return new RoutingTable(all);
    }

    /** The links of a class, in order. */
    public List<String> links(MessageClass c) {
        return routes.get(c);
    }

    /** The link a message of this class goes to, skipping the links that refused it; empty when it waits. */
    public Optional<String> route(MessageClass c, Collection<String> refusedBy) {
        for (String link : routes.get(c)) {
            if (refusedBy == null || !refusedBy.contains(link)) {
                return Optional.of(link);
            }
        }
        return Optional.empty();
    }

    /** Whether the link is on the route of this class at all. */
    public boolean carries(String link, MessageClass c) {
        return routes.get(c).contains(link);
    }
}
