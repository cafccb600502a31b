package io.outpost.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.link.OutboundMessage;

/**
 * Moves stored messages to the chosen link, keeping at most the link's window of unconfirmed deliveries. A
 * confirmed delivery removes the message from the store; a failed or timed-out one puts it back in its place
 * (same id) and pauses that link briefly. Wakes on new commits, confirmations and link state changes.
 */
final class DeliveryLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    /** How long a link rests after a failed delivery before the outbox tries it again. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final long IDLE_WAIT_MILLIS = 1000;

    private final OutboxStore store;
    private final LinkChooser chooser;
    private final Supplier<Collection<LinkSlot>> links;
    private final Duration timeout;
    private final Thread thread;
    private boolean signalled;
    private volatile boolean closed;

    DeliveryLoop(OutboxStore store, LinkChooser chooser, Supplier<Collection<LinkSlot>> links, Duration timeout) {
        this.store = store;
        this.chooser = chooser;
        this.links = links;
        this.timeout = timeout;
        this.thread = new Thread(this::run, "outpost-outbox-delivery");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Something changed: look again now. */
    synchronized void wake() {
        signalled = true;
        notifyAll();
    }

    private synchronized void await(long millis) throws InterruptedException {
        if (!signalled && !closed) {
            wait(millis);
        }
        signalled = false;
    }

    private void run() {
        while (!closed) {
            try {
                if (!sendSome()) {
                    await(IDLE_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("outbox delivery loop: {}", e.toString());
                try {
                    await(IDLE_WAIT_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Fills the chosen link's window; true when it sent something (and may send more at once). */
    private boolean sendSome() throws InterruptedException {
        Optional<LinkSlot> chosen = chooser.choose(links.get());
        if (chosen.isEmpty()) {
            return false;
        }
        LinkSlot slot = chosen.get();
        if (slot.paused()) {
            await(RETRY_PAUSE.toMillis());
            return false;
        }
        int room = slot.window() - slot.inFlight.get();
        if (room <= 0) {
            return false;
        }
        List<OutboundMessage> batch = store.take(room);
        for (OutboundMessage message : batch) {
            deliver(slot, message);
        }
        return !batch.isEmpty();
    }

    private void deliver(LinkSlot slot, OutboundMessage message) {
        slot.inFlight.incrementAndGet();
        CompletableFuture<Void> done;
        try {
            done = slot.link.deliver(message).toCompletableFuture();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (failure == null) {
                store.acknowledge(message.id());
                slot.delivered.incrementAndGet();
            } else if (cause instanceof IllegalArgumentException) {
                // the message itself cannot be encoded or carried: retrying would block everything behind it
                LOG.warn("outbox message {} ({}) discarded: link {} refuses it: {}", message.id(), message.message().topic(), slot.name, cause.toString());
                store.discard(message.id());
                slot.failed.incrementAndGet();
            } else {
                store.release(message.id());
                slot.failed.incrementAndGet();
                slot.pause(RETRY_PAUSE.toNanos());
            }
            slot.inFlight.decrementAndGet();
            wake();
        });
    }

    @Override
    public void close() {
        closed = true;
        wake();
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
