package io.outpost.filter;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Reading;
import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * The filter itself, without OSGi: judges each batch of readings channel by channel against the current rules
 * and sends what is worth sending to the upstream. Thread-safe: batches of different devices run in parallel
 * (each channel state is its own lock); rules can be replaced at any time and every channel keeps its alarm
 * state. Active alarms are persisted to the alarm file when they change, and restored from it at construction.
 */
public final class ReadingFilter implements FilterStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingFilter.class);

    private final Clock clock;
    private final DefaultAction defaultAction;
    private final Upstream upstream;
    private final AlarmFile alarmFile;
    private final Map<String, Map<String, ChannelState>> states = new ConcurrentHashMap<>();
    private final Map<String, Alarm> activeAlarms = new ConcurrentHashMap<>();
    private volatile RuleMatcher matcher = RuleMatcher.empty();

    private final LongAdder alarmMessages = new LongAdder();
    private final LongAdder eventMessages = new LongAdder();
    private final LongAdder telemetryMessages = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder headerBytesUnfiltered = new LongAdder();
    private final LongAdder bytesFiltered = new LongAdder();

    /**
     * @param stateFile where active alarms are kept across restarts, or null to keep them in memory only
     */
    public ReadingFilter(Clock clock, DefaultAction defaultAction, Upstream upstream, Path stateFile) {
        this.clock = clock;
        this.defaultAction = defaultAction;
        this.upstream = upstream;
        this.alarmFile = stateFile == null ? null : new AlarmFile(stateFile);
        if (alarmFile != null) {
            AlarmFile.Loaded loaded = alarmFile.load();
            loaded.problems().forEach(p -> LOG.warn("threshold filter: {}", p));
            activeAlarms.putAll(loaded.alarms());
            if (!loaded.alarms().isEmpty()) {
                LOG.info("threshold filter: {} active alarm(s) restored from {}", loaded.alarms().size(), stateFile);
            }
        }
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
        boolean alarmsChanged = false;
        String previousDevice = null;
        for (int i = 0, n = batch.size(); i < n; i++) {
            Reading reading = batch.get(i);
            if (!reading.device().equals(previousDevice)) {
                headerBytesUnfiltered.add(MessageSize.header(BatchMessages.DATA_TOPIC, reading.device()));
                previousDevice = reading.device();
            }
            ChannelState state = state(reading.device(), reading.channel());
            if (state.judge(reading, now, rules, defaultAction, out)) {
                remember(reading, state.alarm());
                alarmsChanged = true;
            }
        }
        if (alarmsChanged) {
            persist();
        }
        for (UpstreamMessage message : out.messages()) {
            send(message);
        }
        refused.add(out.invalid());
    }

    private ChannelState state(String device, String channel) {
        Map<String, ChannelState> channels = states.get(device);
        if (channels == null) {
            channels = states.computeIfAbsent(device, d -> new ConcurrentHashMap<>());
        }
        ChannelState state = channels.get(channel);
        if (state == null) {
            state = channels.computeIfAbsent(channel, c -> new ChannelState(device, c, activeAlarms.get(AlarmFile.key(device, c))));
        }
        return state;
    }

    private void remember(Reading reading, Alarm alarm) {
        String key = AlarmFile.key(reading.device(), reading.channel());
        if (alarm == null) {
            activeAlarms.remove(key);
        } else {
            activeAlarms.put(key, alarm);
        }
    }

    private void persist() {
        if (alarmFile == null) {
            return;
        }
        try {
            alarmFile.save(activeAlarms);
        } catch (IOException | RuntimeException e) {
            LOG.warn("threshold filter: cannot write the alarm state to {}: {}", alarmFile.path(), e.toString());
        }
    }

    private void send(UpstreamMessage message) {
        switch (message.messageClass()) {
            case ALARM -> alarmMessages.increment();
            case EVENT -> eventMessages.increment();
            default -> telemetryMessages.increment();
        }
        bytesFiltered.add(MessageSize.of(message));
        try {
            upstream.send(message).whenComplete((ack, failure) -> {
                if (failure != null || !ack.isDurable()) {
                    refused.increment();
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("threshold filter: the upstream failed on a {} message", message.messageClass(), e);
            refused.increment();
        }
    }

    /** The active alarm of a channel, or null. */
    public Alarm alarm(String device, String channel) {
        Map<String, ChannelState> channels = states.get(device);
        ChannelState state = channels == null ? null : channels.get(channel);
        return state == null ? activeAlarms.get(AlarmFile.key(device, channel)) : state.alarm();
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
        long in = 0, alarms = 0, events = 0, telemetry = 0, suppressed = 0, unfiltered = headerBytesUnfiltered.sum();
        for (ChannelStatistics c : channels()) {
            in += c.readingsIn();
            alarms += c.alarms();
            events += c.events();
            telemetry += c.telemetry();
            suppressed += c.suppressed();
            unfiltered += c.bytesUnfiltered();
        }
        return new FilterTotals(in, alarms, events, telemetry, suppressed, alarmMessages.sum(), eventMessages.sum(),
            telemetryMessages.sum(), refused.sum(), unfiltered, bytesFiltered.sum());
    }

}
