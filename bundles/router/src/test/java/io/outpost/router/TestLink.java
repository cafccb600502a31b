package io.outpost.router;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkCost;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;

/** A link whose state the test sets; the router never sends on it (the outbox does). */
final class TestLink implements Link {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    volatile LinkState state = LinkState.UP;

    void set(LinkState s) {
        state = s;
        listeners.forEach(Runnable::run);
    }

    @Override
    public LinkState state() {
        return state;
    }

    @Override
    public int maxInFlight() {
        return 1;
    }

    @Override
    public CompletionStage<Void> deliver(OutboundMessage message) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("not sent in router tests"));
    }

    @Override
    public AutoCloseable onStateChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    static Map<String, Object> props(String id, LinkKind kind, LinkCost cost, double budget, int priority, MessageClass... classes) {
        Map<String, Object> p = new HashMap<>(new LinkDescriptor(kind, cost, budget, Set.of(classes), priority).toProperties());
        p.put(Link.ID, id);
        return p;
    }
}
