package io.outpost.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;

/** An in-process link that confirms every delivery at once while it is up, and counts what it saw by the message's "n". */
final class ConfirmingLink implements Link {

    /** How often each n arrived, and under which id first. */
    final Map<Integer, Long> idOfN = new ConcurrentHashMap<>();
    final Map<Long, AtomicLong> timesById = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile LinkState state;

    ConfirmingLink(LinkState state) {
        this.state = state;
    }

    void set(LinkState newState) {
        state = newState;
        listeners.forEach(Runnable::run);
    }

    @Override
    public LinkState state() {
        return state;
    }

    @Override
    public int maxInFlight() {
        return 100;
    }

    @Override
    public CompletionStage<Void> deliver(OutboundMessage message) {
        if (state != LinkState.UP) {
            return CompletableFuture.failedFuture(new IllegalStateException("link down"));
        }
        idOfN.putIfAbsent((Integer) message.message().metrics().get("n").asObject(), message.id());
        timesById.computeIfAbsent(message.id(), id -> new AtomicLong()).incrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public AutoCloseable onStateChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
