package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.IngestStore;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.Metric;
import io.outpost.api.hq.StoreOutcome;

/**
 * Writes accepted messages. A message is one transaction: its {@code message} row first (the unique constraint
 * {@code message_once} turns a repeat into {@link StoreOutcome#DUPLICATE}, whichever HQ instance stored it first),
 * then its samples or its alarm. Metrics named {@code outpost.*} are the envelope, not samples.
 */
@Component(service = IngestStore.class)
public final class JdbcIngestStore implements IngestStore {

    static final String UNIQUE_VIOLATION = "23505";
    private static final int TEXT_MAX = 4000;

    private final HqDatabase database;
    private final GatewayRows gateways;
    private final RecentTouches touches = new RecentTouches(1000);
    private final MessageBatchWriter batches;
    private static final Comparator<GatewayId> GATEWAY_ORDER = Comparator.comparing(GatewayId::account)
            .thenComparing(GatewayId::clientId);

    @Activate
    public JdbcIngestStore(@Reference HqDatabase database) {
        this.database = database;
        this.gateways = new GatewayRows(database);
        this.batches = new MessageBatchWriter(database.settings().engine() == DatabaseSettings.Engine.POSTGRESQL);
    }

    /**
     * Many messages in one transaction ({@link MessageBatchWriter}). Should the batch fail as a whole (a unique
     * violation it did not foresee, a value the database refuses), it is rolled back and each message is stored on
     * its own, so one bad message costs only itself.
     */
    @Override
    public List<StoreOutcome> storeAll(List<IncomingMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        try {
            SortedMap<GatewayId, Instant> seen = new TreeMap<>(GATEWAY_ORDER);
            for (IncomingMessage m : messages) {
                if (touches.due(m.gateway(), m.receivedAt())) {
                    seen.merge(m.gateway(), m.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            if (!seen.isEmpty()) {
                gateways.seenAll(seen);
            }
            try (Connection c = database.connection()) {
                c.setAutoCommit(false);
                try {
                    List<StoreOutcome> outcomes = batches.write(c, messages);
                    c.commit();
                    return outcomes;
                } catch (SQLException e) {
                    c.rollback();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StoreFailure("storing " + messages.size() + " messages failed: " + e.getMessage(), e);
        }
        List<StoreOutcome> one = new ArrayList<>(messages.size());
        for (IncomingMessage m : messages) {
            one.add(store(m));
        }
        return one;
    }

    @Override
    public StoreOutcome store(IncomingMessage m) {
        try {
            if (touches.due(m.gateway(), m.receivedAt())) {
                gateways.seen(m.gateway(), m.receivedAt());
            }
            try (Connection c = database.connection()) {
                c.setAutoCommit(false);
                try {
                    long id = insertMessage(c, m);
                    if (m.messageClass() == MessageClass.ALARM) {
                        insertAlarm(c, id, m);
                    } else {
                        insertSamples(c, id, m);
                    }
                    c.commit();
                    return StoreOutcome.STORED;
                } catch (SQLException e) {
                    c.rollback();
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return StoreOutcome.DUPLICATE;
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new StoreFailure("storing a message of " + m.gateway() + " failed: " + e.getMessage(), e);
        }
    }

    private static long insertMessage(Connection c, IncomingMessage m) throws SQLException {
        String sql = "INSERT INTO message (" + MessageColumns.NAMES + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            MessageColumns.bind(p, m);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void insertSamples(Connection c, long messageId, IncomingMessage m) throws SQLException {
        String sql = "INSERT INTO sample (message_id, account, client_id, device, channel, ts, num, txt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int rows = 0;
            for (Metric metric : m.payload().metrics()) {
                if (metric.name().startsWith("outpost.")) {
                    continue;
                }
                p.setLong(1, messageId);
                p.setString(2, m.gateway().account());
                p.setString(3, m.gateway().clientId());
                p.setString(4, m.device());
                p.setString(5, metric.name());
                p.setLong(6, m.time().toEpochMilli());
                Double number = metric.number();
                if (number != null && Double.isFinite(number)) {
                    p.setDouble(7, number);
                    p.setNull(8, Types.VARCHAR);
                } else {
                    p.setNull(7, Types.DOUBLE);
                    p.setString(8, clip(metric.text()));
                }
                p.addBatch();
                rows++;
            }
            if (rows > 0) {
                p.executeBatch();
            }
        }
    }

    private static void insertAlarm(Connection c, long messageId, IncomingMessage m) throws SQLException {
        DecodedPayload payload = m.payload();
        String sql = "INSERT INTO alarm (message_id, account, client_id, device, channel, alarm_state, limit_kind, threshold, value_text, ts)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, messageId);
            p.setString(2, m.gateway().account());
            p.setString(3, m.gateway().clientId());
            p.setString(4, m.device());
            p.setString(5, text(payload, "channel", 255));
            p.setString(6, text(payload, "state", 16));
            p.setString(7, text(payload, "limit", 16));
            Double threshold = payload.metric("threshold").map(Metric::number).orElse(null);
            if (threshold != null && Double.isFinite(threshold)) {
                p.setDouble(8, threshold);
            } else {
                p.setNull(8, Types.DOUBLE);
            }
            p.setString(9, text(payload, "value", 255));
            p.setLong(10, m.time().toEpochMilli());
            p.executeUpdate();
        }
    }

    static String text(DecodedPayload payload, String name, int max) {
        String text = payload.metric(name).map(Metric::text).orElse(null);
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    static String clip(String text) {
        return text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX);
    }

    @Override
    public void lifecycle(GatewayId gateway, LifecycleEvent event, DecodedPayload payload, Instant receivedAt) {
        try {
            gateways.lifecycle(gateway, event, payload, receivedAt);
        } catch (SQLException e) {
            throw new StoreFailure("recording " + event + " of " + gateway + " failed: " + e.getMessage(), e);
        }
    }
}
