package io.outpost.filter;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Alarm transitions on their way to the upstream, and the alarm file that records what the upstream made
 * durable. A transition is written to the file only after the upstream acknowledged its ALARM message DURABLE,
 * so the file never claims HQ has an alarm it may never get; a crash before the acknowledgement leaves the
 * old state in the file, and the next reading raises (or clears) again: HQ may see a raise twice, never a clear
 * without a raise.
 * <p>
 * Per channel the transitions go one at a time, in order: the next is sent only when the previous one is
 * durable. A refused or dropped one is logged at WARN and sent again after a back-off (1 s doubling to 60 s), by
 * {@link #retryDue}. While up to {@value #MAX_WAITING} wait behind it they are all kept (a raise and its clear both
 * reach HQ, late); beyond that the waiting ones are replaced by the shortest path from what HQ has or is
 * getting to the newest state (at most a clear and a raise), and the superseded ones are counted and logged.
 * Nothing here blocks: acknowledgements are handled on the executor given.
 */
final class AlarmDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AlarmDelivery.class);
    static final int MAX_WAITING = 4;
    static final long FIRST_BACKOFF_MILLIS = 1_000;
    static final long MAX_BACKOFF_MILLIS = 60_000;

    /** One alarm transition of a channel: its message, and the channel's alarm after it (null: cleared). */
    record Transition(String device, String channel, Alarm after, UpstreamMessage message) {

        String key() {
            return AlarmFile.key(device, channel);
        }

        String describe() {
            return "ALARM " + message.metrics().get("state") + " " + message.metrics().get("limit") + " of device '" + device
                + "' channel '" + channel + "'";
        }
    }

    /** The transitions of one channel that are not durable yet. */
    private static final class Line {
        Transition inFlight;
        final ArrayDeque<Transition> waiting = new ArrayDeque<>();
        int attempts;
        long retryAtMillis;
    }

    private final Clock clock;
    private final UpstreamHold upstream;
    private final AlarmFile file;
    private final Executor acknowledgements;
    /** What the upstream made durable: the alarm file's content. */
    private final Map<String, Alarm> durable = new ConcurrentHashMap<>();
    private final Map<String, Line> lines = new HashMap<>(); // guarded by this
    private long superseded; // guarded by this
    private long notDurable; // guarded by this
    private boolean closed; // guarded by this

    AlarmDelivery(Clock clock, UpstreamHold upstream, AlarmFile file, Executor acknowledgements) {
        this.clock = clock;
        this.upstream = upstream;
        this.file = file;
        this.acknowledgements = acknowledgements;
        if (file != null) {
            AlarmFile.Loaded loaded = file.load();
            loaded.problems().forEach(p -> LOG.warn("threshold filter: {}", p));
            durable.putAll(loaded.alarms());
            if (!loaded.alarms().isEmpty()) {
                LOG.info("threshold filter: {} active alarm(s) restored from {}", loaded.alarms().size(), file.path());
            }
        }
    }

    /** The channel's newest alarm: the last pending transition's, else the durable one (null: none). */
    synchronized Alarm latest(String device, String channel) {
        String key = AlarmFile.key(device, channel);
        Line line = lines.get(key);
        if (line != null) {
            Transition last = line.waiting.isEmpty() ? line.inFlight : line.waiting.peekLast();
            if (last != null) {
                return last.after();
            }
        }
        return durable.get(key);
    }

    /** The durable alarm of a channel (as in the file), or null. */
    Alarm durable(String device, String channel) {
        return durable.get(AlarmFile.key(device, channel));
    }

    /** The channels of a device with an alarm, by channel name: the newest state, pending transitions included. */
    synchronized Map<String, Alarm> activeOf(String device) {
        Map<String, Alarm> out = new LinkedHashMap<>();
        String prefix = device + '\u0000';
        durable.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> out.put(k.substring(prefix.length()), null));
        lines.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(k -> out.put(k.substring(prefix.length()), null));
        out.replaceAll((channel, none) -> latest(device, channel));
        out.values().removeIf(Objects::isNull);
        return out;
    }

    /** The devices the alarm file names. */
    java.util.Set<String> durableDevices() {
        java.util.Set<String> out = new java.util.HashSet<>();
        durable.keySet().forEach(k -> out.add(k.substring(0, k.indexOf('\u0000'))));
        return out;
    }

    /** Queues a transition behind the channel's pending ones and sends it when it is its turn. */
    synchronized void submit(Transition transition) {
        if (closed) {
            return;
        }
        Line line = lines.computeIfAbsent(transition.key(), k -> new Line());
        line.waiting.addLast(transition);
        if (line.waiting.size() > MAX_WAITING) {
            supersede(transition.key(), line);
        }
        sendNextIfDue(transition.key(), line, clock.millis());
    }

    /** Sends what waits and is due (after a back-off, or because an upstream is bound again). */
    synchronized void retryDue() {
        long now = clock.millis();
        for (Map.Entry<String, Line> e : Map.copyOf(lines).entrySet()) {
            sendNextIfDue(e.getKey(), e.getValue(), now);
        }
    }

    /** Transitions not yet durable. */
    synchronized int pending() {
        int n = 0;
        for (Line line : lines.values()) {
            n += line.waiting.size() + (line.inFlight == null ? 0 : 1);
        }
        return n;
    }

    /** Attempts the upstream refused or dropped (each retry counts). */
    synchronized long notDurable() {
        return notDurable;
    }

    synchronized long superseded() {
        return superseded;
    }

    /** Stops sending; acknowledgements that come later are ignored (the file keeps what was durable so far). */
    synchronized void close() {
        closed = true;
    }

    private void sendNextIfDue(String key, Line line, long now) {
        if (closed || line.inFlight != null || line.waiting.isEmpty() || now < line.retryAtMillis) {
            return;
        }
        Upstream target = upstream.current();
        if (target == null) {
            return; // no upstream bound: retried when one is
        }
        Transition next = line.waiting.pollFirst();
        line.inFlight = next;
        CompletionStage<Acknowledgement> stage;
        try {
            stage = target.send(next.message());
        } catch (RuntimeException e) {
            acknowledged(key, next, Acknowledgement.refused("the upstream failed: " + e));
            return;
        }
        stage.whenComplete((ack, failure) -> {
            Acknowledgement outcome = failure != null ? Acknowledgement.refused("the upstream failed: " + failure) : ack;
            try {
                acknowledgements.execute(() -> acknowledged(key, next, outcome));
            } catch (RejectedExecutionException stopped) {
                // the filter is stopping: the file keeps the state before this transition, the next start sends it again
            }
        });
    }

    private synchronized void acknowledged(String key, Transition transition, Acknowledgement ack) {
        Line line = lines.get(key);
        if (closed || line == null || line.inFlight != transition) {
            return;
        }
        line.inFlight = null;
        long now = clock.millis();
        if (ack.isDurable()) {
            line.attempts = 0;
            line.retryAtMillis = 0;
            if (transition.after() == null) {
                durable.remove(key);
            } else {
                durable.put(key, transition.after());
            }
            persist();
        } else {
            notDurable++;
            line.attempts++;
            long backoff = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(line.attempts - 1, 16));
            line.retryAtMillis = now + backoff;
            line.waiting.addFirst(transition);
            LOG.warn("threshold filter: {} was {} by the upstream ({}); attempt {}, sent again in {} s", transition.describe(),
                ack.outcome().name().toLowerCase(java.util.Locale.ROOT), ack.reason(), line.attempts, backoff / 1000);
        }
        if (line.inFlight == null && line.waiting.isEmpty()) {
            lines.remove(key);
        } else {
            sendNextIfDue(key, line, now);
        }
    }

    /** Too many waiting: keep only the shortest path from what HQ has (or is getting) to the newest state. */
    private void supersede(String key, Line line) {
        Alarm base = line.inFlight != null ? line.inFlight.after() : durable.get(key);
        Transition first = line.waiting.peekFirst();
        Transition last = line.waiting.peekLast();
        int before = line.waiting.size();
        line.waiting.clear();
        if (!Objects.equals(base, last.after())) {
            if (base != null) {
                line.waiting.add(first); // the clear of the alarm HQ has
            }
            if (last.after() != null) {
                line.waiting.add(last); // the raise of the newest alarm
            }
        }
        superseded += before - line.waiting.size();
        LOG.warn("threshold filter: device '{}' channel '{}': {} alarm transition(s) waiting for the upstream; {} superseded by "
            + "the newest state", last.device(), last.channel(), before, before - line.waiting.size());
    }

    private void persist() {
        if (file == null) {
            return;
        }
        try {
            file.save(durable);
        } catch (IOException | RuntimeException e) {
            LOG.warn("threshold filter: cannot write the alarm state to {}: {}", file.path(), e.toString());
        }
    }
}
