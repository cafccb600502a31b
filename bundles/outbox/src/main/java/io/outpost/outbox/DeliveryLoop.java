package io.outpost.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    private static final long IDLE_WAIT_MILLIS = 500;

    private final OutboxStore store;
    private final LinkChooser chooser;
    private final Supplier<Collection<LinkSlot>> links;
    private final Duration timeout;
    private final Thread thread;
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** A delivery awaiting its outcome: confirmed, failed, or overdue. */
    /** A delivery awaiting its link; {@code attempt} is the link's own stage, cancelled when the delivery times out. */
    private record Pending(long deadline, CompletableFuture<Void> outcome, AtomicReference<CompletableFuture<Void>> attempt) {
    }

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private long lastSweep = System.nanoTime();
    private boolean signalled;
    /** Set while a link callback thread refills the window, so a synchronous delivery does not recurse. */
    private final ThreadLocal<Boolean> refilling = ThreadLocal.withInitial(() -> false);
    private volatile boolean closed;
    /** After a failed read the loop rests before reading again, doubling up to {@link DiskHealth#MAX_RETRY_MILLIS}. */
    private volatile long readRestUntilNanos;
    private long readRestMillis = DiskHealth.FIRST_RETRY_MILLIS;

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
                expireOverdue();
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
        long rest = readRestUntilNanos - System.nanoTime();
        if (rest > 0) {
            await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(rest)));
            return false;
        }
        return fill(slot) > 0;
    }

    /** Sends as many messages on the slot as its window has room for; returns how many. */
    private int fill(LinkSlot slot) {
        int room = slot.reserve(slot.window());
        if (room <= 0) {
            return 0;
        }
        OutboxStore.Taken taken = store.take(room);
        List<OutboundMessage> batch = taken.messages();
        slot.unreserve(room - batch.size());
        readRested(taken.readFailed());
        for (OutboundMessage message : batch) {
            deliver(slot, message);
        }
        return batch.size();
    }

    private synchronized void readRested(boolean failed) {
        if (failed) {
            readRestUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readRestMillis);
            readRestMillis = Math.min(DiskHealth.MAX_RETRY_MILLIS, readRestMillis * 2);
        } else if (readRestUntilNanos != 0) {
            readRestUntilNanos = 0;
            readRestMillis = DiskHealth.FIRST_RETRY_MILLIS;
        }
    }

    /**
     * After a confirmation, sends the next message from the confirming thread itself (the link's callback
     * thread) when the slot is still the chosen link: no hand-over to the loop thread per message. Deliveries
     * that complete synchronously do not recurse; the loop takes over for them.
     */
    private void refillInline(LinkSlot slot) {
        if (closed || refilling.get() || slot.paused() || readRestUntilNanos - System.nanoTime() > 0 || chooser.choose(links.get()).orElse(null) != slot) {
            wake();
            return;
        }
        refilling.set(true);
        try {
            fill(slot);
        } finally {
            refilling.set(false);
        }
    }

    private void deliver(LinkSlot slot, OutboundMessage message) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Void>> attempt = new AtomicReference<>();
        pending.put(message.id(), new Pending(System.nanoTime() + timeout.toNanos(), outcome, attempt));
        outcome.whenComplete((ok, failure) -> settle(slot, message, failure));
        try {
            CompletableFuture<Void> linkStage = slot.link.deliver(message).toCompletableFuture();
            attempt.set(linkStage);
            linkStage.whenComplete((ok, failure) -> {
                if (failure == null) {
                    outcome.complete(null);
                } else {
                    outcome.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
        }
    }

    private void settle(LinkSlot slot, OutboundMessage message, Throwable failure) {
        pending.remove(message.id());
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
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
        if (failure == null) {
            refillInline(slot);
        } else {
            wake();
        }
    }

    /** Fails deliveries that waited longer than the timeout; one sweep instead of a timer per message. */
    private void expireOverdue() {
        long now = System.nanoTime();
        if (now - lastSweep < SWEEP_NANOS) {
            return;
        }
        lastSweep = now;
        for (Pending p : pending.values()) {
            if (now - p.deadline() > 0) {
                p.outcome().completeExceptionally(new TimeoutException("not confirmed within " + timeout.toSeconds() + " s"));
                CompletableFuture<Void> attempt = p.attempt().get();
                if (attempt != null) {
                    attempt.cancel(false);   // the link frees what it holds for this attempt (Paho's in-flight slot)
                }
            }
        }
    }

    /**
     * Stops the loop without interrupting it: it may be reading a record back through a {@code FileChannel},
     * which an interrupt would close. The loop sees the flag at its next turn (a read takes milliseconds).
     */
    @Override
    public void close() {
        closed = true;
        wake();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("outbox delivery loop did not stop within 5 s; it ends at its next turn");
        }
    }
}
