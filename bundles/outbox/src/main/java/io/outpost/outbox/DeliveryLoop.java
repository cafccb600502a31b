package io.outpost.outbox;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
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

import io.outpost.api.link.DoesNotFitException;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.link.WireSize;
import io.outpost.api.router.Router;
import io.outpost.api.router.RoutingTable;

/**
 * Moves stored messages to every link at once, each link taking only what the router's table routes to it and at
 * most its window of unconfirmed deliveries. A confirmed delivery removes the message from the store and is
 * accounted by the router; a failed or timed-out one puts it back in its place (same id), pauses that link briefly
 * and tells the router (which may fail over); a message that does not fit a link goes back in its place and no
 * longer goes to that link. Wakes on new commits, confirmations, link state and routing changes.
 */
final class DeliveryLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    /** How long a link rests after a failed delivery before the outbox tries it again. */
    static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final long IDLE_WAIT_MILLIS = 500;

    private final OutboxStore store;
    private final Supplier<Router> router;
    private final Supplier<Collection<LinkSlot>> links;
    private final Duration timeout;
    private final Thread thread;
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    /** A delivery awaiting its outcome: confirmed, failed, or overdue. */
    /** A delivery awaiting its link; {@code attempt} is the link's own stage, cancelled when the delivery times out. */
    private record Pending(long deadline, CompletableFuture<Void> outcome, AtomicReference<CompletableFuture<Void>> attempt, WireSize size) {
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

    DeliveryLoop(OutboxStore store, Supplier<Router> router, Supplier<Collection<LinkSlot>> links, Duration timeout) {
        this.store = store;
        this.router = router;
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

    /** Fills the window of every link that may send now; true when it sent something (and may send more at once). */
    private boolean sendSome() throws InterruptedException {
        Router r = router.get();
        if (r == null) {
            return false;
        }
        long rest = readRestUntilNanos - System.nanoTime();
        if (rest > 0) {
            await(Math.max(1, TimeUnit.NANOSECONDS.toMillis(rest)));
            return false;
        }
        RoutingTable table = r.table();
        boolean sent = false;
        for (LinkSlot slot : links.get()) {
            if (!slot.paused() && slot.carries()) {
                sent |= fill(slot, table, r) > 0;
            }
        }
        return sent;
    }

    /** Sends on the slot as many of the messages routed to it as its window has room for; returns how many. */
    private int fill(LinkSlot slot, RoutingTable table, Router r) {
        int room = slot.reserve(slot.window());
        if (room <= 0) {
            return 0;
        }
        OutboxStore.Taken taken = store.take(room, new LinkSelection(slot.name, table));
        List<OutboundMessage> batch = taken.messages();
        slot.unreserve(room - batch.size());
        readRested(taken.readFailed());
        int sent = 0;
        for (OutboundMessage message : batch) {
            WireSize size = sizeOn(slot, message);
            if (size == null) {
                slot.unreserve(1);
                continue;
            }
            deliver(slot, message, size, r);
            sent++;
        }
        return sent;
    }

    /**
     * The message's size on the slot's link, known before it is sent; null (and the message back in its place,
     * refused by that link) when the link says it does not fit or it is larger than the link's maximum.
     */
    private WireSize sizeOn(LinkSlot slot, OutboundMessage message) {
        WireSize size;
        try {
            size = slot.link.wireSize(message).orElseGet(() -> estimate(slot, message));
        } catch (RuntimeException e) {
            if (DoesNotFitException.isDoesNotFit(e)) {
                doesNotFit(slot, message, e);
            } else {
                LOG.warn("link {} failed to size message {}: {}", slot.name, message.id(), e.toString());
                store.release(message.id());
                slot.pause(RETRY_PAUSE.toNanos());
            }
            return null;
        }
        if (size.parts() == 1 && size.bytes() > slot.maxMessageBytes()) {
            doesNotFit(slot, message, new DoesNotFitException(slot.name, DoesNotFitException.Reason.TOO_LARGE,
                size.bytes() + " bytes is over its limit of " + slot.maxMessageBytes()));
            return null;
        }
        return size;
    }

    /**
     * The size of a message on a link that does not tell: exact (the outbox's own encoding) when the link has a
     * limit to check against, else a cheap estimate (topic, about 16 bytes a metric, the body) that is only accounted.
     */
    private static WireSize estimate(LinkSlot slot, OutboundMessage message) {
        if (slot.maxMessageBytes() != Integer.MAX_VALUE) {
            return WireSize.of(MessageCodec.encode(message.message()).length);
        }
        return WireSize.of(message.message().topic().length() + 16L * message.message().metrics().size() + message.message().bodyLength());
    }

    private void doesNotFit(LinkSlot slot, OutboundMessage message, Throwable why) {
        LOG.info("outbox message {} ({}) kept for another link: {}", message.id(), message.message().topic(), why.getMessage());
        store.refuse(message.id(), slot.name);
        slot.refused.incrementAndGet();
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
     * thread): no hand-over to the loop thread per message. Deliveries that complete synchronously do not
     * recurse; the loop takes over for them.
     */
    private void refillInline(LinkSlot slot) {
        Router r = router.get();
        if (closed || r == null || refilling.get() || slot.paused() || !slot.carries() || readRestUntilNanos - System.nanoTime() > 0) {
            wake();
            return;
        }
        refilling.set(true);
        try {
            if (fill(slot, r.table(), r) == 0) {
                wake();   // other links may have something to do
            }
        } finally {
            refilling.set(false);
        }
    }

    private void deliver(LinkSlot slot, OutboundMessage message, WireSize size, Router r) {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        AtomicReference<CompletableFuture<Void>> attempt = new AtomicReference<>();
        pending.put(message.id(), new Pending(System.nanoTime() + timeout.toNanos(), outcome, attempt, size));
        outcome.whenComplete((ok, failure) -> settle(slot, message, size, r, failure));
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

    private void settle(LinkSlot slot, OutboundMessage message, WireSize size, Router r, Throwable failure) {
        pending.remove(message.id());
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (failure == null) {
            store.acknowledge(message.id());
            slot.delivered.incrementAndGet();
            tell(() -> r.delivered(slot.name, message.message().messageClass(), size));
        } else if (DoesNotFitException.isDoesNotFit(cause)) {
            // the message does not fit this link: it waits for another, and blocks nothing behind it
            doesNotFit(slot, message, cause);
        } else {
            store.release(message.id());
            slot.failed.incrementAndGet();
            slot.pause(RETRY_PAUSE.toNanos());
            tell(() -> r.failed(slot.name, message.message().messageClass(), String.valueOf(cause)));
        }
        slot.inFlight.decrementAndGet();
        if (failure == null) {
            refillInline(slot);
        } else {
            wake();
        }
    }

    /** Tells the router an outcome; a router that throws does not stop the delivery. */
    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("router failed to take a delivery outcome: {}", e.toString());
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
