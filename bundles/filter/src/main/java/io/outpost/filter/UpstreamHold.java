package io.outpost.filter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * The upstream the filter sends to, which may come and go (the outbox component restarts on a configuration
 * change), and the EVENT and TELEMETRY messages held while none is bound: at most {@code capacity}, sent in
 * order as soon as one is bound again. When the hold is full the oldest TELEMETRY message (else the oldest
 * message) makes room; those are counted and logged once per outage. Alarms are not held here: they wait in
 * {@link AlarmDelivery} until they are durable.
 */
final class UpstreamHold {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamHold.class);

    private final int capacity;
    private final BiConsumer<UpstreamMessage, Acknowledgement> outcomes;
    private volatile Upstream upstream;
    /** True while messages are held: new ones queue behind them. */
    private volatile boolean holding;
    private final ArrayDeque<UpstreamMessage> held = new ArrayDeque<>(); // guarded by this
    private long overflowed; // guarded by this
    private long overflowedThisOutage; // guarded by this

    /**
     * @param outcomes told what became of each message sent (on the thread completing the acknowledgement)
     */
    UpstreamHold(int capacity, BiConsumer<UpstreamMessage, Acknowledgement> outcomes) {
        this.capacity = capacity;
        this.outcomes = outcomes;
        this.holding = true;
    }

    Upstream current() {
        return upstream;
    }

    /** Binds an upstream (replacing the current one) and sends what was held. */
    void bind(Upstream newUpstream) {
        List<UpstreamMessage> flushed;
        long lost;
        synchronized (this) {
            upstream = newUpstream;
            flushed = new ArrayList<>(held);
            held.clear();
            lost = overflowedThisOutage;
            overflowedThisOutage = 0;
            // still holding while the held ones go out, so that nothing new overtakes them
            for (UpstreamMessage message : flushed) {
                sendTo(newUpstream, message);
            }
            holding = false;
        }
        if (!flushed.isEmpty() || lost > 0) {
            LOG.info("threshold filter: upstream bound; {} held message(s) sent, {} dropped while none was bound", flushed.size(), lost);
        }
    }

    /** Unbinds this upstream if it is the current one; messages are held from now on. */
    synchronized void unbind(Upstream gone) {
        if (upstream == gone) {
            upstream = null;
            holding = true;
            LOG.info("threshold filter: no upstream bound; holding up to {} message(s) until one is", capacity);
        }
    }

    /** Sends the message to the bound upstream, or holds it while none is. Never blocks, never throws. */
    void send(UpstreamMessage message) {
        Upstream target = upstream;
        if (target != null && !holding) {
            sendTo(target, message);
            return;
        }
        synchronized (this) {
            if (upstream != null && !holding) {
                sendTo(upstream, message);
                return;
            }
            if (held.size() >= capacity) {
                makeRoom();
            }
            held.addLast(message);
        }
    }

    private void makeRoom() {
        Iterator<UpstreamMessage> oldest = held.iterator();
        boolean removed = false;
        while (oldest.hasNext()) {
            if (oldest.next().messageClass() == MessageClass.TELEMETRY) {
                oldest.remove();
                removed = true;
                break;
            }
        }
        if (!removed) {
            held.removeFirst();
        }
        overflowed++;
        if (overflowedThisOutage++ == 0) {
            LOG.warn("threshold filter: no upstream bound and {} message(s) held: dropping the oldest (telemetry first) "
                + "until one is bound; counted in outpost:filter", capacity);
        }
    }

    private void sendTo(Upstream target, UpstreamMessage message) {
        try {
            target.send(message).whenComplete((ack, failure) ->
                outcomes.accept(message, failure != null ? Acknowledgement.refused("the upstream failed: " + failure) : ack));
        } catch (RuntimeException e) {
            outcomes.accept(message, Acknowledgement.refused("the upstream failed: " + e));
        }
    }

    synchronized int held() {
        return held.size();
    }

    synchronized long overflowed() {
        return overflowed;
    }
}
