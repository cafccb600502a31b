package io.outpost.hq.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens and resolves alerts and queues their notifications, inside the caller's transaction, so a transition and
 * its notifications commit together or not at all. Callers hold the watcher's row lock, so the check-then-insert
 * cannot race another instance; the unique constraints ({@code alert_open_once}, {@code notification_once}) are the
 * backstop. While a silence matches, notifications are stored as {@code silenced} instead of {@code pending}; a
 * resolve is never silenced when its firing notification went out (or will), so nobody is left with an open alert.
 */
final class Transitions {

    private final AckLinks links;

    Transitions(AckLinks links) {
        this.links = links;
    }

    /** Opens an alert unless one is open for this rule and subject; returns the notifications queued. */
    int fire(Connection c, Rule rule, String subject, String detail, Instant now) throws SQLException {
        String openKey = openKey(rule, subject);
        if (Sql.one(c, "SELECT id FROM alert WHERE open_key = ?", r -> r.getLong(1), openKey).isPresent()) {
            return 0;
        }
        long id = Sql.insert(c, "INSERT INTO alert (rule_name, subject, state, open_key, fired_at, detail) VALUES (?, ?, 'firing', ?, ?, ?)",
                rule.name(), subject, openKey, now.toEpochMilli(), clip(detail, 1000));
        boolean silenced = silenced(c, rule.name(), subject, now);
        int queued = 0;
        for (Contact contact : rule.contacts()) {
            queued += queue(c, rule, id, "firing", contact, subject, detail, now.toEpochMilli(), now, silenced);
        }
        return queued;
    }

    /** Resolves the open alert of this rule and subject, if any; returns the notifications queued. */
    int resolve(Connection c, Rule rule, String subject, String detail, Instant now) throws SQLException {
        Optional<long[]> open = Sql.one(c, "SELECT id, fired_at FROM alert WHERE open_key = ?",
                r -> new long[] {r.getLong(1), r.getLong(2)}, openKey(rule, subject));
        if (open.isEmpty()) {
            return 0;
        }
        long id = open.get()[0];
        if (Sql.update(c, "UPDATE alert SET state = 'resolved', open_key = NULL, resolved_at = ? WHERE id = ? AND state = 'firing'",
                now.toEpochMilli(), id) == 0) {
            return 0;
        }
        Map<String, String> told = new HashMap<>();
        for (String[] n : Sql.list(c, "SELECT notifier, contact, state FROM notification WHERE alert_id = ?",
                r -> new String[] {r.getString(1), r.getString(2), r.getString(3)}, id)) {
            told.merge(n[0] + "\n" + n[1], n[2], (a, b) -> a.equals("silenced") ? b : a);
        }
        boolean silencedNow = silenced(c, rule.name(), subject, now);
        Set<Contact> contacts = new LinkedHashSet<>(rule.contacts());
        rule.escalation().ifPresent(e -> {
            if (told.containsKey(e.contact().notifier() + "\n" + e.contact().to())) {
                contacts.add(e.contact());
            }
        });
        int queued = 0;
        for (Contact contact : contacts) {
            String before = told.getOrDefault(contact.notifier() + "\n" + contact.to(), "silenced");
            boolean silenced = silencedNow && before.equals("silenced");
            queued += queue(c, rule, id, "resolved", contact, subject, detail, open.get()[1], now, silenced);
        }
        return queued;
    }

    /** Tells the rule's escalation contact about an unacknowledged alert, once. */
    int escalate(Connection c, Rule rule, long alertId, String subject, String detail, long firedAt, Instant now) throws SQLException {
        Escalation e = rule.escalation().orElseThrow();
        if (Sql.update(c, "UPDATE alert SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL AND acked_at IS NULL AND state = 'firing'",
                now.toEpochMilli(), alertId) == 0) {
            return 0;
        }
        return queue(c, rule, alertId, "escalation", e.contact(), subject, detail, firedAt, now, silenced(c, rule.name(), subject, now));
    }

    private int queue(Connection c, Rule rule, long alertId, String kind, Contact contact, String subject, String detail,
            long firedAt, Instant now, boolean silenced) throws SQLException {
        if (Sql.one(c, "SELECT id FROM notification WHERE alert_id = ? AND kind = ? AND contact = ?", r -> r.getLong(1),
                alertId, kind, contact.to()).isPresent()) {
            return 0;
        }
        Map<String, String> values = values(rule, alertId, kind, subject, detail, firedAt);
        long due = silenced ? now.toEpochMilli() : due(c, rule, contact, now);
        Sql.update(c, "INSERT INTO notification (alert_id, kind, rule_name, notifier, contact, subject_line, body, state, created_at, due_at, digest_millis, attempts)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", alertId, kind, rule.name(), contact.notifier(), clip(contact.to(), 320),
                clip(Template.fill(rule.subjectTemplate(), values), 1000), clip(Template.fill(rule.messageTemplate(), values), 8000),
                silenced ? "silenced" : "pending", now.toEpochMilli(), due, rule.digest().toMillis());
        return silenced ? 0 : 1;
    }

    /**
     * Now, unless this contact heard about this rule less than the digest window ago, or has one waiting: then
     * with those, so repeats go out together as one digest.
     */
    private static long due(Connection c, Rule rule, Contact contact, Instant now) throws SQLException {
        long at = now.toEpochMilli();
        if (rule.digest().isZero()) {
            return at;
        }
        Optional<Long> waiting = Sql.one(c, "SELECT MAX(due_at) FROM notification WHERE rule_name = ? AND contact = ? AND state = 'pending'",
                r -> r.getObject(1) == null ? null : r.getLong(1), rule.name(), contact.to());
        if (waiting.isPresent() && waiting.get() > at) {
            return waiting.get();
        }
        Optional<Long> lastSent = Sql.one(c, "SELECT MAX(sent_at) FROM notification WHERE rule_name = ? AND contact = ? AND state = 'sent'",
                r -> r.getObject(1) == null ? null : r.getLong(1), rule.name(), contact.to());
        return lastSent.map(s -> Math.max(at, s + rule.digest().toMillis())).orElse(at);
    }

    private Map<String, String> values(Rule rule, long alertId, String kind, String subject, String detail, long firedAt) {
        String[] parts = subject.split("/", 4);
        Map<String, String> v = new HashMap<>();
        v.put("rule", rule.name());
        v.put("state", kind);
        v.put("subject", subject);
        v.put("gateway", parts.length >= 2 ? parts[0] + "/" + parts[1] : subject);
        v.put("device", parts.length >= 3 ? parts[2] : "");
        v.put("channel", parts.length >= 4 ? parts[3] : "");
        v.put("detail", detail);
        v.put("firedAt", Instant.ofEpochMilli(firedAt).toString());
        v.put("alertId", Long.toString(alertId));
        String link = links.link(alertId);
        v.put("ackLink", link.isEmpty() ? "" : "Acknowledge: " + link);
        return v;
    }

    static boolean silenced(Connection c, String rule, String subject, Instant now) throws SQLException {
        List<String> prefixes = Sql.list(c, "SELECT subject_prefix FROM alert_silence WHERE starts_at <= ? AND ends_at > ? AND (rule_name = '*' OR rule_name = ?)",
                r -> r.getString(1), now.toEpochMilli(), now.toEpochMilli(), rule);
        return prefixes.stream().anyMatch(subject::startsWith);
    }

    static String openKey(Rule rule, String subject) {
        return clip(rule.name() + "|" + subject, 900);
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
