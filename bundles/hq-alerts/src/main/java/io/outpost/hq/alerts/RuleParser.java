package io.outpost.hq.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.outpost.api.hq.alert.InvalidFieldException;
import io.outpost.json.JsonText;

/**
 * Reads a rule from its JSON text (docs/hq.md, "Alert rules"). Every mistake is an {@link InvalidFieldException}
 * naming the rule and the field, e.g. {@code alert rule 'pump': 'condition.for' "5x" is not a duration (90s, 15m, 2h, 7d)}.
 * Unknown fields are refused too, so a misspelt {@code "escalte"} does not silently do nothing.
 */
final class RuleParser {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Set<String> TOP = Set.of("name", "condition", "notify", "escalate", "digest", "subject", "message");
    static final String DEFAULT_SUBJECT = "[{state}] {rule}: {subject}";
    static final String DEFAULT_MESSAGE = "{rule} is {state} for {subject}.\n{detail}\nFired at {firedAt}.\n{ackLink}";

    private RuleParser() {
    }

    static Rule parse(String json) {
        Object root;
        try {
            root = JsonText.parse(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(null, "alert rule: not JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new InvalidFieldException(null, "alert rule: the text must be one JSON object");
        }
        Object nameValue = top.get("name");
        if (!(nameValue instanceof String name) || !NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "alert rule: 'name' " + shown(nameValue) + " must be 1-128 letters, digits, '.', '_' or '-'");
        }
        Fields f = new Fields(name, "", top);
        f.onlyKnown(TOP);
        Condition condition = condition(f.object("condition"));
        List<Contact> notify = new ArrayList<>();
        List<?> contacts = f.list("notify");
        if (contacts.isEmpty()) {
            throw f.error("notify", contacts, "must name at least one contact");
        }
        for (int i = 0; i < contacts.size(); i++) {
            notify.add(contact(f.element("notify", i, contacts.get(i)), Set.of("notifier", "to")));
        }
        Optional<Escalation> escalation = Optional.empty();
        if (f.has("escalate")) {
            Fields e = f.object("escalate");
            e.onlyKnown(Set.of("after", "notifier", "to"));
            escalation = Optional.of(new Escalation(e.duration("after"), contact(e, Set.of("after", "notifier", "to"))));
        }
        Duration digest = f.has("digest") ? f.durationOrZero("digest") : Duration.ZERO;
        String subject = f.has("subject") ? f.text("subject") : DEFAULT_SUBJECT;
        String message = f.has("message") ? f.text("message") : DEFAULT_MESSAGE;
        return new Rule(name, condition, notify, escalation, digest, subject, message, json);
    }

    private static Contact contact(Fields c, Set<String> known) {
        c.onlyKnown(known);
        String notifier = c.text("notifier");
        if (!NAME.matcher(notifier).matches()) {
            throw c.error("notifier", notifier, "must be a notifier name such as mail, webhook or sms");
        }
        return new Contact(notifier, c.text("to"));
    }

    private static Condition condition(Fields c) {
        String type = c.text("type");
        Condition.GatewayFilter gateways = c.has("gateway") ? new Condition.GatewayFilter(Optional.of(c.text("gateway")))
                : Condition.GatewayFilter.ANY;
        switch (type) {
            case "alarm" -> {
                c.onlyKnown(Set.of("type", "gateway", "device", "channel"));
                return new Condition.Alarm(gateways, c.optionalText("device"), c.optionalText("channel"));
            }
            case "offline" -> {
                c.onlyKnown(Set.of("type", "gateway", "for"));
                return new Condition.Offline(gateways, c.duration("for"));
            }
            case "no-data" -> {
                c.onlyKnown(Set.of("type", "gateway", "device", "channel", "for"));
                return new Condition.NoData(gateways, c.text("device"), c.text("channel"), c.duration("for"));
            }
            case "out-of-range" -> {
                c.onlyKnown(Set.of("type", "gateway", "device", "channel", "low", "high", "window", "statistic"));
                Optional<Double> low = c.optionalNumber("low");
                Optional<Double> high = c.optionalNumber("high");
                if (low.isEmpty() && high.isEmpty()) {
                    throw c.error("low", null, "or 'high' is needed");
                }
                if (low.isPresent() && high.isPresent() && low.get() > high.get()) {
                    throw c.error("low", low.get(), "is above 'high' " + high.get());
                }
                String statistic = c.has("statistic") ? c.text("statistic") : "avg";
                if (!Set.of("avg", "min", "max").contains(statistic)) {
                    throw c.error("statistic", statistic, "must be avg, min or max");
                }
                return new Condition.OutOfRange(gateways, c.text("device"), c.text("channel"), low, high, c.duration("window"), statistic);
            }
            case "counter" -> {
                c.onlyKnown(Set.of("type", "gateway", "device", "channel", "atLeast"));
                return new Condition.Counter(gateways, c.text("device"), c.text("channel"),
                        c.optionalNumber("atLeast").orElseThrow(() -> c.error("atLeast", null, "is needed")));
            }
            case "calendar" -> {
                c.onlyKnown(Set.of("type", "start", "every"));
                return new Condition.Calendar(c.instant("start"), c.duration("every"));
            }
            default -> throw c.error("type", type, "must be alarm, offline, no-data, out-of-range, counter or calendar");
        }
    }

    static Duration duration(String text) {
        var m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("is not a duration (90s, 15m, 2h, 7d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    /** The fields of one JSON object of a rule, each read naming its path. */
    private record Fields(String rule, String path, Map<?, ?> values) {

        IllegalArgumentException error(String field, Object value, String problem) {
            return new InvalidFieldException(path + field, "alert rule '" + rule + "': '" + path + field + "' "
                    + (value == null ? "" : shown(value) + " ") + problem);
        }

        void onlyKnown(Set<String> known) {
            for (Object key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new InvalidFieldException(path + key, "alert rule '" + rule + "': '" + path + key
                            + "' is not a field here (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                }
            }
        }

        boolean has(String field) {
            Object v = values.get(field);
            return v != null && v != JsonText.NULL;
        }

        Object required(String field) {
            if (!has(field)) {
                throw error(field, null, "is missing");
            }
            return values.get(field);
        }

        String text(String field) {
            Object v = required(field);
            if (!(v instanceof String s) || s.isBlank()) {
                throw error(field, v, "must be a non-empty string");
            }
            return s;
        }

        Optional<String> optionalText(String field) {
            return has(field) ? Optional.of(text(field)) : Optional.empty();
        }

        Optional<Double> optionalNumber(String field) {
            if (!has(field)) {
                return Optional.empty();
            }
            Object v = values.get(field);
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw error(field, v, "must be a number");
            }
            return Optional.of(n.doubleValue());
        }

        Duration duration(String field) {
            Duration d = durationOrZero(field);
            if (d.isZero()) {
                throw error(field, values.get(field), "must be longer than zero");
            }
            return d;
        }

        Duration durationOrZero(String field) {
            String s = text(field);
            try {
                return RuleParser.duration(s);
            } catch (IllegalArgumentException e) {
                throw error(field, s, e.getMessage());
            }
        }

        Instant instant(String field) {
            String s = text(field);
            try {
                return s.length() == 10 ? LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(s);
            } catch (DateTimeParseException e) {
                throw error(field, s, "is not a date (2026-03-01) or UTC time (2026-03-01T08:00:00Z)");
            }
        }

        Fields object(String field) {
            Object v = required(field);
            if (!(v instanceof Map<?, ?> m)) {
                throw error(field, null, "must be an object");
            }
            return new Fields(rule, path + field + ".", m);
        }

        List<?> list(String field) {
            Object v = required(field);
            if (!(v instanceof List<?> l)) {
                throw error(field, null, "must be a list");
            }
            return l;
        }

        Fields element(String field, int index, Object v) {
            if (!(v instanceof Map<?, ?> m)) {
                throw error(field + "[" + index + "]", null, "must be an object");
            }
            return new Fields(rule, path + field + "[" + index + "].", m);
        }
    }
}
