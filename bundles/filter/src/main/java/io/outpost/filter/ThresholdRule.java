package io.outpost.filter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One filter rule: which channels it applies to and how their readings are judged. Immutable; built from a
 * configuration by {@link #parse}, which refuses a wrong configuration with a message naming the field.
 *
 * @param name               the configuration that defined it (its pid), for logs and statistics
 * @param device             device name pattern
 * @param channel            channel name pattern
 * @param low                low limit, NaN when there is none
 * @param high               high limit, NaN when there is none
 * @param hysteresis         how far back inside the range a value must be to clear an alarm (>= 0)
 * @param deadband           how far a value must move from the last reported one to be reported again (>= 0)
 * @param deadbandPercent    the deadband is a percentage of the last reported value instead of an absolute amount
 * @param heartbeatMillis    report at least this often (0: no heartbeat)
 * @param minIntervalMillis  report at most this often, alarm transitions excepted (0: no minimum)
 * @param alarmWhen          for boolean channels: which value is the alarm
 */
public record ThresholdRule(String name, GlobPattern device, GlobPattern channel, double low, double high, double hysteresis,
        double deadband, boolean deadbandPercent, long heartbeatMillis, long minIntervalMillis, AlarmWhen alarmWhen) {

    /** The configuration keys a rule reads; anything else is reported by {@link #unknownKeys}. */
    static final Set<String> KEYS = Set.of("device", "channel", "low", "high", "hysteresis", "deadband", "deadbandPercent",
        "heartbeatSeconds", "minIntervalSeconds", "alarmWhen");

    /** Keys the framework, DS and FileInstall put into every configuration; never a mistake of the operator. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "component.", "felix.fileinstall.", "osgi.ds.", ".");

    public ThresholdRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(alarmWhen, "alarmWhen");
    }

    public boolean hasHigh() {
        return !Double.isNaN(high);
    }

    public boolean hasLow() {
        return !Double.isNaN(low);
    }

    public boolean appliesTo(String deviceName, String channelName) {
        return device.matches(deviceName) && channel.matches(channelName);
    }

    /**
     * Builds a rule from configuration properties (values may be strings, as in .cfg files, or numbers and
     * booleans, as set through ConfigAdmin). Unknown keys are ignored here; {@link #unknownKeys} names them.
     *
     * @throws IllegalArgumentException naming the configuration and the field that is wrong
     */
    public static ThresholdRule parse(String name, Map<String, ?> properties) {
        Fields f = new Fields(name, properties);
        GlobPattern device = f.pattern("device");
        GlobPattern channel = f.pattern("channel");
        double low = f.number("low", Double.NaN);
        double high = f.number("high", Double.NaN);
        double hysteresis = f.nonNegative("hysteresis");
        double deadband = f.nonNegative("deadband");
        boolean percent = f.bool("deadbandPercent");
        long heartbeat = Math.round(f.nonNegative("heartbeatSeconds") * 1000);
        long minInterval = Math.round(f.nonNegative("minIntervalSeconds") * 1000);
        AlarmWhen alarmWhen;
        try {
            alarmWhen = AlarmWhen.parse(f.text("alarmWhen", "none"));
        } catch (IllegalArgumentException e) {
            throw f.refused("alarmWhen", e.getMessage());
        }
        if (!Double.isNaN(low) && !Double.isNaN(high)) {
            if (high < low) {
                throw f.refused("high", "high (" + high + ") is below low (" + low + ")");
            }
            if (high - low <= 2 * hysteresis) {
                throw f.refused("hysteresis", "hysteresis (" + hysteresis + ") must be less than half of high - low ("
                    + (high - low) + "), or no value could clear both limits");
            }
        }
        if (heartbeat > 0 && minInterval > heartbeat) {
            throw f.refused("heartbeatSeconds", "heartbeat (" + heartbeat / 1000.0 + " s) is shorter than minIntervalSeconds ("
                + minInterval / 1000.0 + " s)");
        }
        return new ThresholdRule(name, device, channel, low, high, hysteresis, deadband, percent, heartbeat, minInterval, alarmWhen);
    }

    /**
     * The keys of a configuration that no rule field reads (a misspelling such as {@code hysteresys}), sorted;
     * framework keys ({@code service.*}, {@code component.*}, {@code felix.fileinstall.*}, {@code osgi.ds.*}) and
     * private ones ({@code .*}) are left out.
     */
    public static List<String> unknownKeys(Map<String, ?> properties) {
        return properties.keySet().stream()
            .filter(k -> !KEYS.contains(k) && FRAMEWORK_PREFIXES.stream().noneMatch(k::startsWith))
            .sorted()
            .toList();
    }

    /** Reads typed fields from loosely typed configuration values, with messages naming the field. */
    private record Fields(String name, Map<String, ?> properties) {

        String text(String key, String defaultValue) {
            Object value = properties.get(key);
            return value == null ? defaultValue : value.toString().trim();
        }

        GlobPattern pattern(String key) {
            try {
                return GlobPattern.parse(text(key, "*"));
            } catch (IllegalArgumentException e) {
                throw refused(key, e.getMessage());
            }
        }

        double number(String key, double defaultValue) {
            Object value = properties.get(key);
            if (value instanceof Number n) {
                return checkFinite(key, n.doubleValue());
            }
            String t = value == null ? "" : value.toString().trim();
            if (t.isEmpty()) {
                return defaultValue;
            }
            try {
                return checkFinite(key, Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw refused(key, "'" + t + "' is not a number");
            }
        }

        private double checkFinite(String key, double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw refused(key, v + " is not a finite number");
            }
            return v;
        }

        double nonNegative(String key) {
            double v = number(key, 0);
            if (v < 0) {
                throw refused(key, "must not be negative, got " + v);
            }
            return v;
        }

        boolean bool(String key) {
            String t = text(key, "false");
            if (t.equalsIgnoreCase("true")) {
                return true;
            }
            if (t.equalsIgnoreCase("false") || t.isEmpty()) {
                return false;
            }
            throw refused(key, "'" + t + "' is not true or false");
        }

        IllegalArgumentException refused(String key, String why) {
            return new IllegalArgumentException("filter rule '" + name + "' refused: field '" + key + "': " + why);
        }
    }
}
