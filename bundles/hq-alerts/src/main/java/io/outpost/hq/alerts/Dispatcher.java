package io.outpost.hq.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.Notifier;
import io.outpost.api.hq.alert.NotifyException;

/**
 * Sends due notifications. {@link #claim()} takes due, unclaimed rows of the notifiers present on this instance with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and stamps them with this instance's name and a lease, in one short
 * transaction; another instance skips them. Rows of one rule to one contact claimed together go out as one digest.
 * Each notifier has its own sending thread, so a slow or failing one never holds up the others. A failure is
 * counted ({@code attempts}), its error kept, and the rows become due again after a back-off that doubles up to
 * an hour; after {@code maxAttempts} they are {@code dead}. A crash between the peer's acceptance and the
 * {@code sent} update means the lease runs out and the notification is sent again: at least once, never lost.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int BATCH = 200;

    record Claimed(long id, long alertId, String kind, String rule, String notifier, String contact, String subject, String body,
            boolean digested) {
        /** Rows of a rule with a digest window go out together per contact; others one by one. */
        String group() {
            return digested ? notifier + "\n" + contact + "\n" + rule : "#" + id;
        }
    }

    private final DataSource db;
    private final Clock clock;
    private final String instance;
    private final Duration lease;
    private final Duration retryBase;
    private final int maxAttempts;
    private final Function<String, Notifier> notifiers;
    private final Function<Long, String> ackLinks;
    private final Map<String, ExecutorService> senders = new ConcurrentHashMap<>();

    Dispatcher(DataSource db, Clock clock, String instance, Duration lease, Duration retryBase, int maxAttempts,
            Function<String, Notifier> notifiers, Function<Long, String> ackLinks) {
        this.db = db;
        this.clock = clock;
        this.instance = instance;
        this.lease = lease;
        this.retryBase = retryBase;
        this.maxAttempts = maxAttempts;
        this.notifiers = notifiers;
        this.ackLinks = ackLinks;
    }

    /** Claims what is due for the given notifiers and hands each group to its notifier's thread; returns the groups. */
    int dispatch(Set<String> present) throws SQLException {
        if (present.isEmpty()) {
            return 0;
        }
        List<Claimed> claimed = claim(present);
        Map<String, List<Claimed>> groups = claimed.stream().collect(Collectors.groupingBy(
                Claimed::group, LinkedHashMap::new, Collectors.toList()));
        for (List<Claimed> group : groups.values()) {
            String name = group.get(0).notifier();
            try {
                senders.computeIfAbsent(name, n -> Executors.newSingleThreadExecutor(r -> new Thread(r, "outpost-hq-notify-" + n)))
                        .execute(() -> send(group));
            } catch (RejectedExecutionException stopping) {
                return groups.size(); // the lease runs out and another pass sends them
            }
        }
        return groups.size();
    }

    List<Claimed> claim(Set<String> present) throws SQLException {
        long now = clock.millis();
        String in = present.stream().map(n -> "?").collect(Collectors.joining(", "));
        List<Object> params = new ArrayList<>(List.of(now, now));
        params.addAll(present);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Claimed> rows = Sql.list(c, "SELECT id, alert_id, kind, rule_name, notifier, contact, subject_line, body, digest_millis FROM notification"
                        + " WHERE state = 'pending' AND due_at <= ? AND (claimed_until IS NULL OR claimed_until < ?) AND notifier IN (" + in + ")"
                        + " ORDER BY due_at, id FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE SKIP LOCKED",
                        r -> new Claimed(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                                r.getString(7), r.getString(8), r.getLong(9) > 0), params.toArray());
                for (Claimed n : rows) {
                    Sql.update(c, "UPDATE notification SET claimed_by = ?, claimed_until = ? WHERE id = ?", instance, now + lease.toMillis(), n.id());
                }
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static Notification compose(List<Claimed> group, Function<Long, String> ackLinks) {
        Claimed first = group.get(0);
        String key = "outpost-hq-" + group.stream().map(n -> Long.toString(n.id())).collect(Collectors.joining("-"));
        List<Long> alerts = group.stream().map(Claimed::alertId).distinct().toList();
        if (group.size() == 1) {
            return new Notification(key, first.kind(), first.rule(), alerts, first.contact(), first.subject(), first.body(),
                    ackLinks.apply(first.alertId()));
        }
        StringBuilder body = new StringBuilder("Digest: " + group.size() + " notifications of rule " + first.rule() + ".\n");
        for (Claimed n : group) {
            body.append("\n--- ").append(n.kind()).append(": ").append(n.subject()).append(" ---\n").append(n.body()).append('\n');
        }
        return new Notification(key, "digest", first.rule(), alerts, first.contact(),
                "[digest] " + first.rule() + ": " + group.size() + " notifications", body.toString(), "");
    }

    private void send(List<Claimed> group) {
        String name = group.get(0).notifier();
        Notifier notifier = notifiers.apply(name);
        try {
            if (notifier == null) {
                throw new NotifyException("notifier '" + name + "' is gone");
            }
            Notification n = compose(group, ackLinks);
            notifier.send(n);
            mark(group, "UPDATE notification SET state = 'sent', sent_at = ?, sent_as = ?, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                    n.kind());
        } catch (NotifyException | RuntimeException e) {
            String error = Transitions.clip(String.valueOf(e.getMessage()), 1000);
            LOG.warn("notifier '{}' failed for {} ({} notification(s)): {}", name, group.get(0).contact(), group.size(), error);
            failed(group, error);
        }
    }

    private void mark(List<Claimed> group, String sql, String sentAs) {
        try (Connection c = db.getConnection()) {
            for (Claimed n : group) {
                Sql.update(c, sql, clock.millis(), sentAs, n.id(), instance);
            }
        } catch (SQLException e) {
            LOG.warn("notification(s) {} were sent but could not be marked sent ({}); they will be sent again after the lease",
                    group.stream().map(Claimed::id).toList(), e.getMessage());
        }
    }

    private void failed(List<Claimed> group, String error) {
        try (Connection c = db.getConnection()) {
            for (Claimed n : group) {
                int attempts = Sql.one(c, "SELECT attempts FROM notification WHERE id = ?", r -> r.getInt(1), n.id()).orElse(0) + 1;
                long backoff = Math.min(Duration.ofHours(1).toMillis(), retryBase.toMillis() << Math.min(attempts - 1, 20));
                Sql.update(c, "UPDATE notification SET attempts = ?, last_error = ?, due_at = ?, claimed_by = NULL, claimed_until = NULL,"
                        + " state = ? WHERE id = ? AND claimed_by = ?", attempts, error, clock.millis() + backoff,
                        attempts >= maxAttempts ? "dead" : "pending", n.id(), instance);
            }
        } catch (SQLException e) {
            LOG.warn("recording a failed notification failed: {}", e.getMessage());
        }
    }

    void close() {
        senders.values().forEach(ExecutorService::shutdown);
        for (ExecutorService s : senders.values()) {
            try {
                s.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
