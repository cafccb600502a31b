package io.outpost.hq.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertService;
import io.outpost.api.hq.alert.RuleRecord;
import io.outpost.api.hq.alert.SilenceRecord;

/**
 * {@code hq:alerts [all]}, {@code hq:ack <id>}, {@code hq:silence <rule|*> <subject-prefix|*> <duration> [reason]},
 * {@code hq:silences}, {@code hq:unsilence <id>}, {@code hq:rules}, {@code hq:notifications}. Each returns the text
 * to print; a mistake is a message, not a stack trace.
 */
@Component(service = AlertCommands.class, property = {"osgi.command.scope=hq", "osgi.command.function=alerts",
    "osgi.command.function=ack", "osgi.command.function=silence", "osgi.command.function=silences",
    "osgi.command.function=unsilence", "osgi.command.function=rules", "osgi.command.function=notifications"})
public final class AlertCommands {

    private final AlertService alerts;
    private final Clock clock;

    @Activate
    public AlertCommands(@Reference AlertService alerts) {
        this(alerts, Clock.systemUTC());
    }

    AlertCommands(AlertService alerts, Clock clock) {
        this.alerts = alerts;
        this.clock = clock;
    }

    /** The firing alerts. */
    public String alerts() {
        return table(alerts.alerts(true, 200), "no alert is firing\n");
    }

    /** {@code hq:alerts all}: the last 200 alerts, resolved ones too. */
    public String alerts(String which) {
        if (!"all".equals(which)) {
            return "usage: hq:alerts [all]\n";
        }
        return table(alerts.alerts(false, 200), "no alert yet\n");
    }

    private static String table(List<AlertRecord> list, String none) {
        if (list.isEmpty()) {
            return none;
        }
        StringBuilder out = new StringBuilder(String.format("%-6s %-9s %-20s %-40s %-20s %s%n", "ID", "STATE", "RULE", "SUBJECT", "FIRED", "ACK"));
        for (AlertRecord a : list) {
            out.append(String.format("%-6d %-9s %-20s %-40s %-20s %s%n", a.id(), a.state().code(), a.rule(), a.subject(),
                    a.firedAt().toString().substring(0, 19), a.acknowledgedBy().map(b -> "by " + b).orElse("-")));
        }
        return out.toString();
    }

    public String ack(long id) {
        return switch (alerts.acknowledge(id, "console")) {
            case ACKNOWLEDGED -> "alert " + id + " acknowledged\n";
            case ALREADY_ACKNOWLEDGED -> "alert " + id + " was acknowledged before\n";
            case UNKNOWN_ALERT -> "no alert " + id + "\n";
            case ALREADY_RESOLVED -> "alert " + id + " had resolved; nothing to acknowledge\n";
        };
    }

    /** {@code hq:silence pump-alarm acme/gw-7 2h "valve replacement"}; {@code *} for every rule or subject. */
    public String silence(String rule, String subjectPrefix, String duration, String... reason) {
        Duration d;
        try {
            d = RuleParser.duration(duration);
        } catch (IllegalArgumentException e) {
            return "duration " + duration + " " + e.getMessage() + "\n";
        }
        try {
            Instant now = clock.instant();
            SilenceRecord s = alerts.silence(rule, "*".equals(subjectPrefix) ? "" : subjectPrefix, now, now.plus(d),
                    String.join(" ", reason), "console");
            return "silence " + s.id() + ": rule " + s.rule() + ", subjects '" + s.subjectPrefix() + "*', until " + s.until() + "\n";
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "\n";
        }
    }

    public String silences() {
        List<SilenceRecord> list = alerts.silences();
        if (list.isEmpty()) {
            return "no silence\n";
        }
        StringBuilder out = new StringBuilder();
        for (SilenceRecord s : list) {
            out.append(s.id()).append(": rule ").append(s.rule()).append(", subjects '").append(s.subjectPrefix()).append("*', ")
                    .append(s.from()).append(" .. ").append(s.until()).append(", by ").append(s.createdBy())
                    .append(s.reason().isEmpty() ? "" : ": " + s.reason()).append('\n');
        }
        return out.toString();
    }

    public String unsilence(long id) {
        return alerts.endSilence(id) ? "silence " + id + " ended\n" : "no running silence " + id + "\n";
    }

    public String rules() {
        List<RuleRecord> list = alerts.rules();
        if (list.isEmpty()) {
            return "no alert rule\n";
        }
        StringBuilder out = new StringBuilder();
        for (RuleRecord r : list) {
            out.append(r.name()).append("  (").append(r.source()).append(")\n");
        }
        return out.toString();
    }

    public String notifications() {
        StringBuilder out = new StringBuilder();
        alerts.notificationCounts().forEach((k, v) -> out.append(String.format("%-10s %d%n", k, v)));
        return out.toString();
    }
}
