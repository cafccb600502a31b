package io.outpost.filter;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Reading;
import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.upstream.MessageClass;

/**
 * What the filter remembers of one channel (its rule, active alarm, last reported value and time, whether BAD
 * was reported) and the decision for each of its readings. Pure: time comes in as an argument. Each state is
 * its own lock, so channels of different devices are judged in parallel.
 */
final class ChannelState {

    private final String device;
    private final String channel;
    private ThresholdRule rule;
    private long ruleGeneration = -1;
    private Alarm alarm;
    private boolean reported;
    private long lastReportMillis;
    private double lastNumber;
    private Value lastValue;
    /** The newest reading with a value, for the timer's heartbeat. */
    private Reading lastGood;
    private boolean badReported;

    private long readingsIn;
    private long alarms;
    private long events;
    private long telemetry;
    private long suppressed;
    private long bytesUnfiltered;
    private long bytesFiltered;

    ChannelState(String device, String channel, Alarm restored) {
        this.device = device;
        this.channel = channel;
        this.alarm = restored;
    }

    /**
     * Judges one reading of this channel and reports what is worth reporting.
     *
     * @return true when the active alarm changed (raised or cleared), so it must be persisted
     */
    synchronized boolean judge(Reading reading, long nowMillis, RuleMatcher matcher, DefaultAction defaultAction, Reports out) {
        readingsIn++;
        bytesUnfiltered += unfilteredSize(reading);
        resolveRule(matcher);
        if (!isBad(reading)) {
            lastGood = reading;
        }
        if (rule == null) {
            return passByDefault(reading, nowMillis, defaultAction, out);
        }
        if (nowMillis < lastReportMillis) {
            lastReportMillis = nowMillis; // the clock was set back: count intervals from now, do not wait for the old time
        }
        boolean intervalOk = !reported || rule.minIntervalMillis() == 0 || nowMillis - lastReportMillis >= rule.minIntervalMillis();
        Value value = reading.value();
        if (isBad(reading)) {
            if (!badReported && intervalOk) {
                bytesFiltered += out.bad(MessageClass.EVENT, reading);
                events++;
                badReported = true;
                reported = true;
                lastReportMillis = nowMillis;
            } else {
                suppressed++;
            }
            return false;
        }
        boolean heartbeatDue = rule.heartbeatMillis() > 0 && reported && nowMillis - lastReportMillis >= rule.heartbeatMillis();
        boolean alarmChanged = judgeAlarm(reading, value, out);
        if (badReported && intervalOk) {
            report(MessageClass.EVENT, reading, true, nowMillis, out);
            badReported = false;
        } else if (alarmChanged) {
            remember(value, nowMillis);
        } else if (badReported) {
            suppressed++;
        } else if (!reported || movedPastDeadband(value)) {
            reportOrSuppress(MessageClass.EVENT, reading, intervalOk, nowMillis, out);
        } else if (heartbeatDue) {
            reportOrSuppress(MessageClass.TELEMETRY, reading, intervalOk, nowMillis, out);
        } else {
            suppressed++;
        }
        return alarmChanged;
    }

    private void resolveRule(RuleMatcher matcher) {
        if (ruleGeneration != matcher.generation()) {
            rule = matcher.ruleFor(device, channel);
            ruleGeneration = matcher.generation();
        }
    }

    /**
     * The timer's heartbeat: when the channel's rule has one, the channel has been reported before, is not BAD,
     * and nothing was reported for the heartbeat period (a pushed channel that did not change, a poll that stopped
     * coming), reports the newest reading again as TELEMETRY, with that reading's own timestamp.
     */
    synchronized void heartbeatIfSilent(long nowMillis, RuleMatcher matcher, Reports out) {
        resolveRule(matcher);
        if (rule == null || rule.heartbeatMillis() == 0 || !reported || badReported || lastGood == null) {
            return;
        }
        if (nowMillis < lastReportMillis) {
            lastReportMillis = nowMillis;
            return;
        }
        if (nowMillis - lastReportMillis >= rule.heartbeatMillis()) {
            report(MessageClass.TELEMETRY, lastGood, false, nowMillis, out);
        }
    }

    private boolean passByDefault(Reading reading, long nowMillis, DefaultAction defaultAction, Reports out) {
        boolean alarmChanged = false;
        if (alarm != null && !isBad(reading)) {
            clear(reading, out);
            alarmChanged = true;
        }
        if (defaultAction == DefaultAction.DROP_ALL) {
            if (!alarmChanged) {
                suppressed++;
            }
        } else if (isBad(reading)) {
            bytesFiltered += out.bad(MessageClass.TELEMETRY, reading);
            telemetry++;
        } else {
            report(MessageClass.TELEMETRY, reading, false, nowMillis, out);
        }
        badReported = false;
        return alarmChanged;
    }

    private void reportOrSuppress(MessageClass messageClass, Reading reading, boolean intervalOk, long nowMillis, Reports out) {
        if (intervalOk) {
            report(messageClass, reading, false, nowMillis, out);
        } else {
            suppressed++;
        }
    }

    private void report(MessageClass messageClass, Reading reading, boolean recovered, long nowMillis, Reports out) {
        bytesFiltered += out.value(messageClass, reading, recovered);
        if (messageClass == MessageClass.TELEMETRY) {
            telemetry++;
        } else {
            events++;
        }
        remember(reading.value(), nowMillis);
    }

    private void remember(Value value, long nowMillis) {
        reported = true;
        lastReportMillis = nowMillis;
        lastValue = value;
        lastNumber = isNumberLike(value) ? value.asDouble() : 0;
    }

    private boolean movedPastDeadband(Value value) {
        if (!isNumberLike(value) || !isNumberLike(lastValue)) {
            return !value.equals(lastValue);
        }
        double x = value.asDouble();
        if (value.type() == ValueType.BOOLEAN) {
            return x != lastNumber;
        }
        double band = rule.deadbandPercent() ? rule.deadband() / 100 * Math.abs(lastNumber) : rule.deadband();
        return Math.abs(x - lastNumber) > band;
    }

    /** Raises and clears alarms for a good value; returns true when anything was sent. */
    private boolean judgeAlarm(Reading reading, Value value, Reports out) {
        Limit wanted;
        double threshold;
        if (value.type() == ValueType.BOOLEAN) {
            boolean b = value.asDouble() != 0;
            wanted = rule.alarmWhen() == AlarmWhen.TRUE && b ? Limit.TRUE : rule.alarmWhen() == AlarmWhen.FALSE && !b ? Limit.FALSE : null;
            threshold = b ? 1 : 0;
        } else if (value.type().isNumeric()) {
            double x = value.asDouble();
            if (Double.isNaN(x)) {
                return false; // no number, no judgement: the alarm stays as it is
            }
            boolean changed = false;
            if (alarm != null && stillBeyond(x)) {
                return false;
            }
            if (alarm != null) {
                clear(reading, out);
                changed = true;
            }
            if (rule.hasHigh() && x > rule.high()) {
                raise(reading, new Alarm(Limit.HIGH, rule.high()), out);
                changed = true;
            } else if (rule.hasLow() && x < rule.low()) {
                raise(reading, new Alarm(Limit.LOW, rule.low()), out);
                changed = true;
            }
            return changed;
        } else {
            wanted = null;
            threshold = 0;
        }
        boolean changed = false;
        if (alarm != null && alarm.limit() != wanted) {
            clear(reading, out);
            changed = true;
        }
        if (wanted != null && alarm == null) {
            raise(reading, new Alarm(wanted, threshold), out);
            changed = true;
        }
        return changed;
    }

    /** Whether the active numeric alarm still holds: beyond its limit, or not back inside by more than the hysteresis. */
    private boolean stillBeyond(double x) {
        return switch (alarm.limit()) {
            case HIGH -> rule.hasHigh() && x >= rule.high() - rule.hysteresis();
            case LOW -> rule.hasLow() && x <= rule.low() + rule.hysteresis();
            case TRUE, FALSE -> false;
        };
    }

    private void raise(Reading reading, Alarm raised, Reports out) {
        alarm = raised;
        alarms++;
        bytesFiltered += out.alarm(reading, raised, true);
    }

    private void clear(Reading reading, Reports out) {
        Alarm cleared = alarm;
        alarm = null;
        alarms++;
        bytesFiltered += out.alarm(reading, cleared, false);
    }

    synchronized Alarm alarm() {
        return alarm;
    }

    synchronized ChannelStatistics statistics() {
        return new ChannelStatistics(device, channel, rule == null ? "" : rule.name(), readingsIn, alarms, events, telemetry,
            suppressed, bytesUnfiltered, bytesFiltered, alarm == null ? "" : alarm.limit().wireName());
    }

    /** This reading's entries in an unfiltered gateway's message. */
    private int unfilteredSize(Reading reading) {
        return isBad(reading) ? badSize(reading) : MessageSize.metric(channel, reading.value());
    }

    /** BAD quality, whether or not the driver left a value in it (a BAD value is not trusted). */
    private static boolean isBad(Reading reading) {
        return reading.quality() == Quality.BAD || reading.value() == null;
    }

    static int badSize(Reading reading) {
        return MessageSize.textMetric(reading.channel(), ".quality", "BAD")
            + MessageSize.textMetric(reading.channel(), ".detail", reading.detail());
    }

    private static boolean isNumberLike(Value value) {
        return value != null && (value.type().isNumeric() || value.type() == ValueType.BOOLEAN);
    }
}
