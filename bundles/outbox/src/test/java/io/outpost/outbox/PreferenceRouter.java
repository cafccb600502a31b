package io.outpost.outbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.outpost.api.link.Link;
import io.outpost.api.link.WireSize;
import io.outpost.api.router.Router;
import io.outpost.api.router.RoutingTable;
import io.outpost.api.upstream.MessageClass;

/**
 * A router for the outbox's own tests: every class to the links that carry now, in a fixed order of preference. It
 * records the outcomes it is told. (The real routing rules are the router bundle's and tested there.)
 */
final class PreferenceRouter implements Router {

    record Outcome(String link, MessageClass messageClass, WireSize size, String failure) {
    }

    final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<String> order;
    private final Map<String, Link> links = new ConcurrentHashMap<>();

    PreferenceRouter(List<String> order) {
        this.order = List.copyOf(order);
    }

    void add(String name, Link link) {
        links.put(name, link);
    }

    @Override
    public RoutingTable table() {
        List<String> carrying = order.stream().filter(n -> links.containsKey(n) && links.get(n).state().carries()).toList();
        Map<MessageClass, List<String>> routes = new EnumMap<>(MessageClass.class);
        for (MessageClass c : MessageClass.values()) {
            routes.put(c, carrying);
        }
        return new RoutingTable(routes);
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        return () -> { };   // the table follows the links' states, which wake the outbox themselves
    }

    @Override
    public void delivered(String link, MessageClass messageClass, WireSize size) {
        outcomes.add(new Outcome(link, messageClass, size, null));
    }

    @Override
    public void failed(String link, MessageClass messageClass, String why) {
        outcomes.add(new Outcome(link, messageClass, null, why));
    }
}
