package io.outpost.hq.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Turns new rows of the {@code alarm} table into transitions of the alarm rules: raised fires, cleared resolves.
 * One pass is one transaction holding the {@code alarms} lock row; each alarm message is recorded in
 * {@code alert_alarm_done} in the same transaction, so it counts once across restarts and instances. The lock row's
 * position (every id at or below it is done) only moves past ids done more than a minute ago, so an alarm whose
 * ingest transaction committed late, out of id order, is still seen.
 */
final class AlarmWatcher {

    static final String LOCK = "alarms";
    private static final int BATCH = 500;
    private static final long SETTLE_MILLIS = 60_000;

    private record AlarmRow(long messageId, String account, String clientId, String device, String channel, String state,
            String limitKind, Double threshold, String value, long ts) {
        String subject() {
            return account + "/" + clientId + "/" + device + "/" + channel;
        }

        String detail() {
            StringBuilder s = new StringBuilder("alarm ").append(state);
            if (limitKind != null) {
                s.append(", limit ").append(limitKind);
            }
            if (threshold != null) {
                s.append(' ').append(threshold);
            }
            if (value != null) {
                s.append(", value ").append(value);
            }
            return s.append(" at ").append(Instant.ofEpochMilli(ts)).toString();
        }
    }

    private final DataSource db;
    private final Transitions transitions;
    private final Clock clock;

    AlarmWatcher(DataSource db, Transitions transitions, Clock clock) {
        this.db = db;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Alarms already in the database when alerting first starts are history, not news. */
    void start() throws SQLException {
        try (Connection c = db.getConnection()) {
            long newest = Sql.one(c, "SELECT COALESCE(MAX(message_id), 0) FROM alarm", r -> r.getLong(1)).orElse(0L);
            EngineLock.ensure(c, LOCK, newest);
        }
    }

    /** One pass; returns the notifications queued (0 also when another instance held the lock). */
    int pass(Collection<Rule> rules) throws SQLException {
        List<Rule> alarmRules = rules.stream().filter(r -> r.condition() instanceof Condition.Alarm).toList();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Long> position = EngineLock.tryLock(c, LOCK);
                if (position.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                List<AlarmRow> rows = Sql.list(c, "SELECT a.message_id, a.account, a.client_id, a.device, a.channel, a.alarm_state, a.limit_kind,"
                        + " a.threshold, a.value_text, a.ts FROM alarm a WHERE a.message_id > ? AND NOT EXISTS"
                        + " (SELECT 1 FROM alert_alarm_done d WHERE d.message_id = a.message_id) ORDER BY a.message_id FETCH FIRST " + BATCH + " ROWS ONLY",
                        r -> new AlarmRow(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                r.getString(7), r.getObject(8) == null ? null : r.getDouble(8), r.getString(9), r.getLong(10)),
                        position.get());
                Instant now = clock.instant();
                int queued = 0;
                Set<Long> done = new LinkedHashSet<>();
                for (AlarmRow row : rows) {
                    for (Rule rule : alarmRules) {
                        if (((Condition.Alarm) rule.condition()).matches(row.account(), row.clientId(), row.device(), row.channel())) {
                            queued += "cleared".equals(row.state())
                                    ? transitions.resolve(c, rule, row.subject(), row.detail(), now)
                                    : transitions.fire(c, rule, row.subject(), row.detail(), now);
                        }
                    }
                    done.add(row.messageId());
                }
                for (long id : done) {
                    Sql.update(c, "INSERT INTO alert_alarm_done (message_id, done_at) VALUES (?, ?)", id, now.toEpochMilli());
                }
                Sql.update(c, "UPDATE alert_cursor SET position = (SELECT COALESCE(MAX(message_id), ?) FROM alert_alarm_done WHERE done_at < ?)"
                        + " WHERE name = ? AND position < (SELECT COALESCE(MAX(message_id), ?) FROM alert_alarm_done WHERE done_at < ?)",
                        position.get(), now.toEpochMilli() - SETTLE_MILLIS, LOCK, position.get(), now.toEpochMilli() - SETTLE_MILLIS);
                // rows at or below the position are never read again: the done table holds about a minute of alarms
                Sql.update(c, "DELETE FROM alert_alarm_done WHERE message_id <= (SELECT position FROM alert_cursor WHERE name = ?)", LOCK);
                c.commit();
                return queued;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
