package io.outpost.hq.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Evaluates the HQ-side conditions (offline, no data, out of range, counter, calendar) against what the database
 * holds now, fires the subjects that are bad and not yet firing, resolves the firing ones that are good again, and
 * escalates unacknowledged alerts. One pass is one transaction holding the {@code conditions} lock row, so one
 * instance at a time does it; what is firing is read from the {@code alert} table, not remembered.
 */
final class ConditionWatcher {

    static final String LOCK = "conditions";

    private record GatewayRow(String account, String clientId, String state, long lastSeen) {
        String id() {
            return account + "/" + clientId;
        }
    }

    private record OpenAlert(long id, String subject, String detail, long firedAt, boolean acked, boolean escalated) {
    }

    private final DataSource db;
    private final Transitions transitions;
    private final Clock clock;

    ConditionWatcher(DataSource db, Transitions transitions, Clock clock) {
        this.db = db;
        this.transitions = transitions;
        this.clock = clock;
    }

    void start() throws SQLException {
        try (Connection c = db.getConnection()) {
            EngineLock.ensure(c, LOCK, 0);
        }
    }

    int pass(Collection<Rule> rules) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (EngineLock.tryLock(c, LOCK).isEmpty()) {
                    c.rollback();
                    return 0;
                }
                Instant now = clock.instant();
                List<GatewayRow> gateways = Sql.list(c, "SELECT account, client_id, state, last_seen FROM gateway",
                        r -> new GatewayRow(r.getString(1), r.getString(2), r.getString(3), r.getLong(4)));
                int queued = 0;
                for (Rule rule : rules) {
                    Map<String, OpenAlert> open = new HashMap<>();
                    for (OpenAlert a : Sql.list(c, "SELECT id, subject, detail, fired_at, acked_at, escalated_at FROM alert WHERE rule_name = ? AND state = 'firing'",
                            r -> new OpenAlert(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getObject(5) != null, r.getObject(6) != null),
                            rule.name())) {
                        open.put(a.subject(), a);
                    }
                    if (!(rule.condition() instanceof Condition.Alarm)) {
                        queued += evaluate(c, rule, gateways, open, now);
                    }
                    if (rule.escalation().isPresent()) {
                        long before = now.minus(rule.escalation().get().after()).toEpochMilli();
                        for (OpenAlert a : open.values()) {
                            if (!a.acked() && !a.escalated() && a.firedAt() <= before) {
                                queued += transitions.escalate(c, rule, a.id(), a.subject(), a.detail(), a.firedAt(), now);
                            }
                        }
                    }
                }
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

    private int evaluate(Connection c, Rule rule, List<GatewayRow> gateways, Map<String, OpenAlert> open, Instant now) throws SQLException {
        Map<String, String> bad = new HashMap<>();
        Condition condition = rule.condition();
        if (condition instanceof Condition.Calendar calendar) {
            return calendar(c, rule, calendar, open, now);
        }
        for (GatewayRow g : gateways) {
            if (condition instanceof Condition.Offline o && o.gateways().matches(g.account(), g.clientId())) {
                if (!"online".equals(g.state()) && g.lastSeen() <= now.minus(o.duration()).toEpochMilli()) {
                    bad.put(g.id(), "gateway " + g.state() + " since " + Instant.ofEpochMilli(g.lastSeen()));
                }
            } else if (condition instanceof Condition.NoData n && n.gateways().matches(g.account(), g.clientId())) {
                Optional<Long> last = Sql.one(c, "SELECT MAX(ts) FROM sample WHERE account = ? AND client_id = ? AND device = ? AND channel = ?",
                        r -> r.getObject(1) == null ? null : r.getLong(1), g.account(), g.clientId(), n.device(), n.channel());
                if (last.isPresent() && last.get() <= now.minus(n.duration()).toEpochMilli()) {
                    bad.put(g.id() + "/" + n.device() + "/" + n.channel(), "no data since " + Instant.ofEpochMilli(last.get()));
                }
            } else if (condition instanceof Condition.OutOfRange o && o.gateways().matches(g.account(), g.clientId())) {
                String subject = g.id() + "/" + o.device() + "/" + o.channel();
                Optional<double[]> stats = windowStats(c, g, o, now);
                if (stats.isEmpty()) {
                    // no numbers in the window: not judged, an open alert stays open
                    Optional.ofNullable(open.get(subject)).ifPresent(a -> bad.put(subject, a.detail()));
                } else {
                    outside(o, stats.get()).ifPresent(detail -> bad.put(subject, detail));
                }
            } else if (condition instanceof Condition.Counter k && k.gateways().matches(g.account(), g.clientId())) {
                Optional<Double> latest = Sql.one(c, "SELECT num FROM sample WHERE account = ? AND client_id = ? AND device = ? AND channel = ?"
                        + " AND num IS NOT NULL ORDER BY ts DESC FETCH FIRST 1 ROWS ONLY", r -> r.getDouble(1),
                        g.account(), g.clientId(), k.device(), k.channel());
                if (latest.isPresent() && latest.get() >= k.atLeast()) {
                    bad.put(g.id() + "/" + k.device() + "/" + k.channel(), "counter " + latest.get() + " has reached " + k.atLeast());
                }
            }
        }
        int queued = 0;
        for (Map.Entry<String, String> b : bad.entrySet()) {
            if (!open.containsKey(b.getKey())) {
                queued += transitions.fire(c, rule, b.getKey(), b.getValue(), now);
            }
        }
        for (OpenAlert a : open.values()) {
            if (!bad.containsKey(a.subject())) {
                queued += transitions.resolve(c, rule, a.subject(), "back to normal", now);
            }
        }
        return queued;
    }

    /** COUNT > 0: avg, min, max of the channel's numbers in the window; empty when there are none. */
    private static Optional<double[]> windowStats(Connection c, GatewayRow g, Condition.OutOfRange o, Instant now) throws SQLException {
        return Sql.one(c, "SELECT COUNT(num), AVG(num), MIN(num), MAX(num) FROM sample WHERE account = ? AND client_id = ?"
                + " AND device = ? AND channel = ? AND ts >= ? AND num IS NOT NULL",
                r -> r.getLong(1) == 0 ? null : new double[] {r.getDouble(2), r.getDouble(3), r.getDouble(4)},
                g.account(), g.clientId(), o.device(), o.channel(), now.minus(o.window()).toEpochMilli());
    }

    /** The detail when the rule's statistic is outside the range, else empty. */
    private static Optional<String> outside(Condition.OutOfRange o, double[] stats) {
        double value = switch (o.statistic()) {
            case "min" -> stats[1];
            case "max" -> stats[2];
            default -> stats[0];
        };
        if (!o.outside(value)) {
            return Optional.empty();
        }
        return Optional.of(o.statistic() + " " + value + " over the last " + o.window().toSeconds() + " s is outside "
                + o.low().map(String::valueOf).orElse("-inf") + ".." + o.high().map(String::valueOf).orElse("+inf"));
    }

    /** A due date fires once (its subject is the date) and is resolved when someone acknowledges it: maintenance done. */
    private int calendar(Connection c, Rule rule, Condition.Calendar calendar, Map<String, OpenAlert> open, Instant now) throws SQLException {
        int queued = 0;
        for (OpenAlert a : open.values()) {
            if (a.acked()) {
                queued += transitions.resolve(c, rule, a.subject(), "maintenance acknowledged as done", now);
            }
        }
        Optional<Instant> due = calendar.latestDue(now);
        if (due.isPresent()) {
            String subject = "due " + due.get();
            boolean known = Sql.one(c, "SELECT id FROM alert WHERE rule_name = ? AND subject = ?", r -> r.getLong(1), rule.name(), subject).isPresent();
            if (!known) {
                queued += transitions.fire(c, rule, subject, "maintenance is due at " + due.get(), now);
            }
        }
        return queued;
    }
}
