package io.outpost.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Collects what the channel states report for one batch (or one timer round) and turns it into messages: one
 * ALARM message per transition (app topic {@code alarms/<device>}), and per device one EVENT and one TELEMETRY message
 * (app topic {@code data/<device>}) with the values of that class. Confined to the thread handling the batch.
 */
final class BatchMessages implements Reports {

    static final String ALARM_TOPIC = "alarms/";
    static final String DATA_TOPIC = "data/";
    static final String QUALITY = ".quality";
    static final String DETAIL = ".detail";

    // made on first use: most batches report nothing
    private List<AlarmDelivery.Transition> alarms;
    private Map<String, Data[]> data;
    private int invalid;

    /** One device's values of one class, with the newest reading's timestamp. */
    private static final class Data {
        final Map<String, Value> metrics = new LinkedHashMap<>();
        long timestamp = Long.MIN_VALUE;
    }

    @Override
    public int alarm(Reading reading, Alarm alarm, boolean raised) {
        Map<String, Value> metrics = alarmMetrics(reading.channel(), alarm, raised);
        metrics.put("value", reading.value());
        return addAlarm(reading.device(), reading.channel(), raised ? alarm : null, reading.timestamp(), metrics);
    }

    /**
     * The clear of an alarm whose device went away: no value (there is none), {@code reason="device removed"}
     * instead.
     */
    int removedDeviceClear(String device, String channel, Alarm alarm, long timestamp) {
        Map<String, Value> metrics = alarmMetrics(channel, alarm, false);
        metrics.put("reason", Value.of(REMOVED));
        return addAlarm(device, channel, null, timestamp, metrics);
    }

    static final String REMOVED = "device removed";

    private static Map<String, Value> alarmMetrics(String channel, Alarm alarm, boolean raised) {
        Map<String, Value> metrics = new LinkedHashMap<>(8);
        metrics.put("channel", Value.of(channel));
        metrics.put("state", Value.of(raised ? "raised" : "cleared"));
        metrics.put("limit", Value.of(alarm.limit().wireName()));
        metrics.put("threshold", Value.of(alarm.threshold()));
        return metrics;
    }

    private int addAlarm(String device, String channel, Alarm after, long timestamp, Map<String, Value> metrics) {
        try {
            UpstreamMessage message = new UpstreamMessage(MessageClass.ALARM, ALARM_TOPIC + device, timestamp, metrics);
            if (alarms == null) {
                alarms = new ArrayList<>(2);
            }
            alarms.add(new AlarmDelivery.Transition(device, channel, after, message));
            return MessageSize.of(message);
        } catch (IllegalArgumentException badTopic) {
            invalid++;
            return 0;
        }
    }

    @Override
    public int value(MessageClass messageClass, Reading reading, boolean recovered) {
        Data d = data(messageClass, reading);
        int size = MessageSize.metric(reading.channel(), reading.value());
        if (recovered) {
            d.metrics.put(reading.channel() + QUALITY, Value.of("GOOD"));
            size += MessageSize.textMetric(reading.channel(), QUALITY, "GOOD");
        }
        d.metrics.put(reading.channel(), reading.value());
        return size;
    }

    @Override
    public int bad(MessageClass messageClass, Reading reading) {
        Data d = data(messageClass, reading);
        d.metrics.put(reading.channel() + QUALITY, Value.of("BAD"));
        d.metrics.put(reading.channel() + DETAIL, Value.of(reading.detail()));
        return ChannelState.badSize(reading);
    }

    private Data data(MessageClass messageClass, Reading reading) {
        if (data == null) {
            data = new LinkedHashMap<>(2);
        }
        Data[] both = data.computeIfAbsent(reading.device(), k -> new Data[2]);
        int slot = messageClass == MessageClass.EVENT ? 0 : 1;
        Data d = both[slot];
        if (d == null) {
            d = new Data();
            both[slot] = d;
        }
        d.timestamp = Math.max(d.timestamp, reading.timestamp());
        return d;
    }

    /** The alarm transitions, in reading order (each its own ALARM message). */
    List<AlarmDelivery.Transition> alarms() {
        return alarms == null ? List.of() : alarms;
    }

    /** Per device its EVENT message, then its TELEMETRY message. */
    List<UpstreamMessage> messages() {
        if (data == null) {
            return List.of();
        }
        List<UpstreamMessage> out = new ArrayList<>(2 * data.size());
        for (Map.Entry<String, Data[]> e : data.entrySet()) {
            add(out, MessageClass.EVENT, e.getKey(), e.getValue()[0]);
            add(out, MessageClass.TELEMETRY, e.getKey(), e.getValue()[1]);
        }
        return out;
    }

    private void add(List<UpstreamMessage> out, MessageClass messageClass, String device, Data d) {
        if (d == null) {
            return;
        }
        try {
            out.add(new UpstreamMessage(messageClass, DATA_TOPIC + device, d.timestamp, d.metrics));
        } catch (IllegalArgumentException badTopic) {
            invalid++;
        }
    }

    /** Messages that could not be built (a device name that is not a valid topic level). */
    int invalid() {
        return invalid;
    }
}
