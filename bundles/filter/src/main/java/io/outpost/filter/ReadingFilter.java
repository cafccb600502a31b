package io.outpost.filter;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Reading;
import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.filter.RuleStatus;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * The filter itself, without OSGi: judges each batch of readings channel by channel against the current rules
 * and sends what is worth sending to the upstream. Thread-safe: batches of different devices run in parallel
 * (each channel state is its own lock); rules can be replaced at any time and every channel keeps its alarm
 * state. Alarm transitions go through {@link AlarmDelivery} (persisted only once durable, retried when
 * refused); data messages through {@link UpstreamHold} (held while no upstream is bound). {@link #tick}, called
 * about once a second by one timer thread, sends timer heartbeats, retries alarms and forgets devices gone for
 * longer than the grace period. Nothing here waits for an acknowledgement.
 */
public final class ReadingFilter implements FilterStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingFilter.class);
    public static final int DEFAULT_HOLD_MESSAGES = 1000;
    public static final long DEFAULT_PRUNE_AFTER_MILLIS = 600_000;

    private final Clock clock;
    private final DefaultAction defaultAction;
    private final long pruneAfterMillis;
    private final UpstreamHold upstream;
    private final AlarmDelivery alarms;
    private final DevicePresence presence = new DevicePresence();
    private final Map<String, Map<String, ChannelState>> states = new ConcurrentHashMap<>();
    private volatile RuleMatcher matcher = RuleMatcher.empty();

    private final LongAdder alarmMessages = new LongAdder();
    private final LongAdder eventMessages = new LongAdder();
    private final LongAdder telemetryMessages = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder pruned = new LongAdder();
    private final LongAdder headerBytesUnfiltered = new LongAdder();
    private final LongAdder bytesFiltered = new LongAdder();

    /**
     * A filter bound to one upstream from the start, handling acknowledgements on the thread that completes them
     * (fine for an upstream that completes at once; the component uses the other constructor).
     *
     * @param stateFile where active alarms are kept across restarts, or null to keep them in memory only
     */
    public ReadingFilter(Clock clock, DefaultAction defaultAction, Upstream upstream, Path stateFile) {
        this(clock, defaultAction, stateFile, Runnable::run, DEFAULT_HOLD_MESSAGES, DEFAULT_PRUNE_AFTER_MILLIS);
        upstream(upstream);
    }

    /**
     * A filter without an upstream yet (see {@link #upstream}).
     *
     * @param stateFile        where active alarms are kept across restarts, or null to keep them in memory only
     * @param acknowledgements where acknowledgements are handled (alarm file writes, retries): not the thread
     *                         that completes them, which may be the upstream's own
     * @param holdMessages     how many EVENT and TELEMETRY messages are held while no upstream is bound
     * @param pruneAfterMillis how long a device may be gone before its channels and alarms are forgotten
     */
    public ReadingFilter(Clock clock, DefaultAction defaultAction, Path stateFile, Executor acknowledgements, int holdMessages,
            long pruneAfterMillis) {
        this.clock = clock;
        this.defaultAction = defaultAction;
        this.pruneAfterMillis = pruneAfterMillis;
        this.upstream = new UpstreamHold(holdMessages, this::dataOutcome);
        this.alarms = new AlarmDelivery(clock, upstream, stateFile == null ? null : new AlarmFile(stateFile), acknowledgements);
        presence.expect(alarms.durableDevices(), clock.millis());
    }

    /** Binds the upstream (replacing any): held messages and waiting alarms go out now. */
    public void upstream(Upstream newUpstream) {
        upstream.bind(newUpstream);
        alarms.retryDue();
    }

    /** The upstream went away (if it is the bound one): messages are held, alarms wait. */
    public void upstreamGone(Upstream gone) {
        upstream.unbind(gone);
    }

    /** A device service of this name is registered. */
    public void deviceAdded(String device) {
        presence.added(device);
    }

    /** A device service of this name went away; after the grace period the device is forgotten. */
    public void deviceRemoved(String device) {
        presence.removed(device, clock.millis());
    }

    /** Replaces the rule set; channel states pick up their new rule at their next reading, keeping their alarm. */
    public synchronized void rules(Collection<ThresholdRule> rules) {
        matcher = matcher.with(rules);
    }

    public List<ThresholdRule> rules() {
        return matcher.rules();
    }

    /** Judges one batch (a device poll) and sends the resulting messages. Never throws for a bad reading or upstream. */
    public void accept(List<Reading> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long now = clock.millis();
        RuleMatcher rules = matcher;
        BatchMessages out = new BatchMessages();
        String previousDevice = null;
        for (int i = 0, n = batch.size(); i < n; i++) {
            Reading reading = batch.get(i);
            if (!reading.device().equals(previousDevice)) {
                headerBytesUnfiltered.add(MessageSize.header(BatchMessages.DATA_TOPIC, reading.device()));
                presence.readingFrom(reading.device());
                previousDevice = reading.device();
            }
            state(reading.device(), reading.channel()).judge(reading, now, rules, defaultAction, out);
        }
        send(out);
    }

    /** The timer: heartbeats of silent channels, alarm retries that are due, devices gone past the grace period. */
    public void tick() {
        long now = clock.millis();
        try {
            RuleMatcher rules = matcher;
            BatchMessages out = new BatchMessages();
            states.forEach((device, channels) -> {
                if (!presence.isRemoved(device)) {   // a removed device's last values are not news of it
                    channels.values().forEach(s -> s.heartbeatIfSilent(now, rules, out));
                }
            });
            send(out);
            alarms.retryDue();
            prune(now);
        } catch (RuntimeException e) {
            LOG.warn("threshold filter: the timer failed: {}", e.toString());
        }
    }

    /** Stops sending alarms; later acknowledgements are not written to the alarm file. */
    public void close() {
        alarms.close();
    }

    private void prune(long now) {
        for (String device : presence.takeExpired(now, pruneAfterMillis)) {
            Map<String, Alarm> active = new LinkedHashMap<>(alarms.activeOf(device));
            Map<String, ChannelState> channels = states.remove(device);
            if (channels != null) {
                channels.forEach((channel, state) -> {
                    Alarm alarm = state.alarm();
                    if (alarm == null) {
                        active.remove(channel);
                    } else {
                        active.put(channel, alarm);
                    }
                });
                pruned.add(channels.size());
            }
            BatchMessages out = new BatchMessages();
            active.forEach((channel, alarm) -> bytesFiltered.add(out.removedDeviceClear(device, channel, alarm, now)));
            send(out);
            LOG.info("threshold filter: device '{}' gone for {} s or more: {} channel(s) forgotten, {} alarm(s) cleared",
                device, pruneAfterMillis / 1000, channels == null ? 0 : channels.size(), active.size());
        }
    }

    private ChannelState state(String device, String channel) {
        Map<String, ChannelState> channels = states.get(device);
        if (channels == null) {
            channels = states.computeIfAbsent(device, d -> new ConcurrentHashMap<>());
        }
        ChannelState state = channels.get(channel);
        if (state == null) {
            state = channels.computeIfAbsent(channel, c -> new ChannelState(device, c, alarms.latest(device, c)));
        }
        return state;
    }

    private void send(BatchMessages out) {
        for (AlarmDelivery.Transition transition : out.alarms()) {
            alarmMessages.increment();
            bytesFiltered.add(MessageSize.of(transition.message()));
            alarms.submit(transition);
        }
        for (UpstreamMessage message : out.messages()) {
            switch (message.messageClass()) {
                case EVENT -> eventMessages.increment();
                default -> telemetryMessages.increment();
            }
            bytesFiltered.add(MessageSize.of(message));
            upstream.send(message);
        }
        refused.add(out.invalid());
    }

    private void dataOutcome(UpstreamMessage message, Acknowledgement ack) {
        if (!ack.isDurable()) {
            refused.increment();
        }
    }

    /** The active alarm of a channel as judged (it may not be durable yet), or null. */
    public Alarm alarm(String device, String channel) {
        Map<String, ChannelState> channels = states.get(device);
        ChannelState state = channels == null ? null : channels.get(channel);
        return state == null ? alarms.latest(device, channel) : state.alarm();
    }

    /** The alarm of a channel as the alarm file has it: what the upstream made durable. */
    public Alarm durableAlarm(String device, String channel) {
        return alarms.durable(device, channel);
    }

    @Override
    public List<ChannelStatistics> channels() {
        List<ChannelStatistics> out = new ArrayList<>();
        states.values().forEach(channels -> channels.values().forEach(s -> out.add(s.statistics())));
        out.sort(Comparator.comparing(ChannelStatistics::device).thenComparing(ChannelStatistics::channel));
        return out;
    }

    @Override
    public FilterTotals totals() {
        long in = 0, alarmCount = 0, events = 0, telemetry = 0, suppressed = 0, unfiltered = headerBytesUnfiltered.sum();
        for (ChannelStatistics c : channels()) {
            in += c.readingsIn();
            alarmCount += c.alarms();
            events += c.events();
            telemetry += c.telemetry();
            suppressed += c.suppressed();
            unfiltered += c.bytesUnfiltered();
        }
        return new FilterTotals(in, alarmCount, events, telemetry, suppressed, alarmMessages.sum(), eventMessages.sum(),
            telemetryMessages.sum(), refused.sum() + alarms.notDurable(), unfiltered, bytesFiltered.sum(), alarms.pending(),
            upstream.held(), upstream.overflowed(), pruned.sum());
    }

    /** The rules in force, each as not refused (the component knows the refused ones). */
    @Override
    public List<RuleStatus> ruleStatus() {
        return matcher.rules().stream().map(r -> new RuleStatus(r.name(), false, "", List.of()))
            .sorted(Comparator.comparing(RuleStatus::name)).toList();
    }
}
