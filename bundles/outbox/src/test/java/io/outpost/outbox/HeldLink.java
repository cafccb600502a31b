package io.outpost.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;

/** An in-process link whose deliveries wait until the test confirms or fails them. */
class HeldLink implements Link {

    record Delivery(OutboundMessage message, CompletableFuture<Void> done) {
    }

    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final int window;
    private volatile LinkState state;

    HeldLink(int window, LinkState state) {
        this.window = window;
        this.state = state;
    }

    void set(LinkState newState) {
        state = newState;
        listeners.forEach(Runnable::run);
    }

    long pending() {
        return deliveries.stream().filter(d -> !d.done().isDone()).count();
    }

    @Override
    public LinkState state() {
        return state;
    }

    @Override
    public int maxInFlight() {
        return window;
    }

    @Override
    public CompletionStage<Void> deliver(OutboundMessage message) {
        Delivery d = new Delivery(message, new CompletableFuture<>());
        deliveries.add(d);
        return d.done();
    }

    @Override
    public AutoCloseable onStateChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
