package io.outpost.hq.alerts;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.outpost.api.hq.alert.Acknowledgement;
import io.outpost.api.hq.alert.AlertFilter;
import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertState;
import io.outpost.api.hq.alert.InvalidFieldException;
import io.outpost.api.hq.alert.RuleRecord;
import io.outpost.api.hq.alert.SilenceRecord;

/** The {@link io.outpost.api.hq.alert.AlertService} operations, each one statement or transaction on the database. */
final class AlertDesk {

    private final DataSource db;
    private final RuleBook rules;
    private final Clock clock;

    AlertDesk(DataSource db, RuleBook rules, Clock clock) {
        this.db = db;
        this.rules = rules;
        this.clock = clock;
    }

    List<AlertRecord> alerts(boolean openOnly, int limit) {
        return alerts(openOnly ? AlertFilter.FIRING : AlertFilter.ALL, limit);
    }

    List<AlertRecord> alerts(AlertFilter filter, int limit) {
        int n = Math.max(1, Math.min(limit, 10_000));
        List<String> where = new ArrayList<>();
        filter.state().ifPresent(s -> where.add("state = '" + s.code() + "'"));
        filter.acknowledged().ifPresent(a -> where.add(a ? "acked_at IS NOT NULL" : "acked_at IS NULL"));
        return query(c -> Sql.list(c, "SELECT id, rule_name, subject, state, fired_at, resolved_at, acked_at, acked_by, escalated_at, detail FROM alert"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id DESC FETCH FIRST " + n + " ROWS ONLY",
                AlertDesk::alert));
    }

    Optional<AlertRecord> alert(long id) {
        return query(c -> Sql.one(c, "SELECT id, rule_name, subject, state, fired_at, resolved_at, acked_at, acked_by, escalated_at, detail FROM alert WHERE id = ?",
                AlertDesk::alert, id));
    }

    private static AlertRecord alert(ResultSet r) throws SQLException {
        return new AlertRecord(r.getLong(1), r.getString(2), r.getString(3), AlertState.ofCode(r.getString(4)), Instant.ofEpochMilli(r.getLong(5)),
                instant(r, 6), instant(r, 7), Optional.ofNullable(r.getString(8)), instant(r, 9), r.getString(10));
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    Acknowledgement acknowledge(long id, String by) {
        String who = by == null || by.isBlank() ? "unknown" : Transitions.clip(by.strip(), 128);
        return query(c -> {
            if (Sql.update(c, "UPDATE alert SET acked_at = ?, acked_by = ? WHERE id = ? AND acked_at IS NULL AND state = 'firing'",
                    clock.millis(), who, id) == 1) {
                return Acknowledgement.ACKNOWLEDGED;
            }
            return Sql.one(c, "SELECT acked_at FROM alert WHERE id = ?", r -> r.getObject(1) != null, id)
                    .map(acked -> acked ? Acknowledgement.ALREADY_ACKNOWLEDGED : Acknowledgement.ALREADY_RESOLVED)
                    .orElse(Acknowledgement.UNKNOWN_ALERT);
        });
    }

    List<RuleRecord> rules() {
        return rules.records();
    }

    RuleRecord putRule(String json) {
        Rule rule = RuleParser.parse(json);
        rules.rules();
        RuleFiles.Loaded file = rules.files().rules().get(rule.name());
        if (file != null) {
            throw new InvalidFieldException("name", "alert rule '" + rule.name() + "': 'name' belongs to the rule file " + file.file()
                    + "; change that file or choose another name");
        }
        if (json.length() > 16_000) {
            throw new InvalidFieldException(null, "alert rule '" + rule.name() + "': the text is longer than 16000 characters");
        }
        query(c -> {
            c.setAutoCommit(false);
            try {
                if (Sql.update(c, "UPDATE alert_rule SET rule_json = ?, updated_at = ? WHERE name = ?", json, clock.millis(), rule.name()) == 0) {
                    Sql.update(c, "INSERT INTO alert_rule (name, rule_json, updated_at) VALUES (?, ?, ?)", rule.name(), json, clock.millis());
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            return null;
        });
        rules.changed();
        return new RuleRecord(rule.name(), "api", json);
    }

    boolean removeRule(String name) {
        boolean removed = query(c -> Sql.update(c, "DELETE FROM alert_rule WHERE name = ?", name) == 1);
        rules.changed();
        return removed;
    }

    SilenceRecord silence(String rule, String subjectPrefix, Instant from, Instant until, String reason, String createdBy) {
        String r = rule == null || rule.isBlank() ? "*" : rule.strip();
        if (!"*".equals(r) && !RuleParser.NAME.matcher(r).matches()) {
            throw new InvalidFieldException("rule", "silence: 'rule' " + r + " must be a rule name or *");
        }
        if (from == null) {
            throw new InvalidFieldException("from", "silence: 'from' is missing");
        }
        if (until == null || !until.isAfter(from)) {
            throw new InvalidFieldException("until", "silence: 'until' must be after 'from'");
        }
        String prefix = subjectPrefix == null ? "" : Transitions.clip(subjectPrefix.strip(), 700);
        String why = reason == null ? "" : Transitions.clip(reason, 1000);
        String by = createdBy == null || createdBy.isBlank() ? "unknown" : Transitions.clip(createdBy, 128);
        long id = query(c -> Sql.insert(c, "INSERT INTO alert_silence (rule_name, subject_prefix, starts_at, ends_at, reason, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                r, prefix, from.toEpochMilli(), until.toEpochMilli(), why, by));
        return new SilenceRecord(id, r, prefix, from, until, why, by);
    }

    List<SilenceRecord> silences() {
        return query(c -> Sql.list(c, "SELECT id, rule_name, subject_prefix, starts_at, ends_at, reason, created_by FROM alert_silence WHERE ends_at > ? ORDER BY starts_at",
                r -> new SilenceRecord(r.getLong(1), r.getString(2), r.getString(3), Instant.ofEpochMilli(r.getLong(4)),
                        Instant.ofEpochMilli(r.getLong(5)), r.getString(6), r.getString(7)), clock.millis()));
    }

    boolean endSilence(long id) {
        long now = clock.millis();
        return query(c -> Sql.update(c, "UPDATE alert_silence SET ends_at = ? WHERE id = ? AND ends_at > ?", now, id, now) == 1);
    }

    Map<String, Long> notificationCounts() {
        return query(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            for (String s : List.of("sent", "pending", "silenced", "dead")) {
                out.put(s, 0L);
            }
            for (Object[] row : Sql.list(c, "SELECT state, COUNT(*) FROM notification GROUP BY state", r -> new Object[] {r.getString(1), r.getLong(2)})) {
                out.put((String) row[0], (Long) row[1]);
            }
            out.put("failed", Sql.one(c, "SELECT COALESCE(SUM(attempts), 0) FROM notification", r -> r.getLong(1)).orElse(0L));
            return out;
        });
    }

    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("HQ database: " + e.getMessage(), e);
        }
    }
}
