package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayState;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.Metric;

/**
 * Writes the {@code gateway} rows. Every write is an UPDATE first and an INSERT when the row does not exist; an
 * INSERT that loses the race against another instance (unique violation) becomes the UPDATE again. Data brings
 * a gateway back from "unknown" but not from "offline": after a DC or LWT only a birth says it is back.
 */
final class GatewayRows {

    /** HQ reads the kura profile only, so far (docs/protocol.md). */
    static final String PROFILE = "kura";

    private final HqDatabase database;

    GatewayRows(HqDatabase database) {
        this.database = database;
    }

    private static final String SEEN = "UPDATE gateway SET last_seen = GREATEST(last_seen, ?),"
            + " state = CASE WHEN state = 'unknown' THEN 'online' ELSE state END WHERE account = ? AND client_id = ?";

    /**
     * {@link #seen} for many gateways in one short transaction (one JDBC batch of UPDATEs, in a fixed order so that
     * two instances doing the same never deadlock); the gateways without a row yet get theirs one by one.
     */
    void seenAll(SortedMap<GatewayId, Instant> seen) throws SQLException {
        List<GatewayId> missing = new ArrayList<>();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(SEEN)) {
                for (Map.Entry<GatewayId, Instant> e : seen.entrySet()) {
                    p.setLong(1, e.getValue().toEpochMilli());
                    p.setString(2, e.getKey().account());
                    p.setString(3, e.getKey().clientId());
                    p.addBatch();
                }
                int[] counts = p.executeBatch();
                c.commit();
                int k = 0;
                for (GatewayId id : seen.keySet()) {
                    if (counts[k++] == 0) {
                        missing.add(id);
                    }
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        for (GatewayId id : missing) {
            seen(id, seen.get(id));
        }
    }

    void seen(GatewayId id, Instant at) throws SQLException {
        try (Connection c = database.connection()) {
            String update = SEEN;
            if (update(c, update, at.toEpochMilli(), id.account(), id.clientId()) == 0) {
                insertOrElse(c, id, GatewayState.ONLINE, at, null, () -> update(c, update, at.toEpochMilli(), id.account(), id.clientId()));
            }
        }
    }

    void lifecycle(GatewayId id, LifecycleEvent event, DecodedPayload payload, Instant at) throws SQLException {
        try {
            lifecycleOnce(id, event, payload, at);
        } catch (SQLException e) {
            if (!JdbcIngestStore.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            lifecycleOnce(id, event, payload, at); // another instance created the row meanwhile: now it is an update
        }
    }

    private void lifecycleOnce(GatewayId id, LifecycleEvent event, DecodedPayload payload, Instant at) throws SQLException {
        GatewayState state = switch (event) {
            case BIRTH, APPS -> GatewayState.ONLINE;
            case DC, LWT -> GatewayState.OFFLINE;
        };
        long now = at.toEpochMilli();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                String update = "UPDATE gateway SET state = ?, last_seen = GREATEST(last_seen, ?), last_event = ? WHERE account = ? AND client_id = ?";
                if (update(c, update, state.code(), now, event.name(), id.account(), id.clientId()) == 0) {
                    insertOrElse(c, id, state, at, event, () -> update(c, update, state.code(), now, event.name(), id.account(), id.clientId()));
                }
                if (event == LifecycleEvent.BIRTH || event == LifecycleEvent.APPS) {
                    birthMetrics(c, id, event, payload, now);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static void birthMetrics(Connection c, GatewayId id, LifecycleEvent event, DecodedPayload payload, long now) throws SQLException {
        if (event == LifecycleEvent.BIRTH) {
            update(c, "DELETE FROM gateway_birth_metric WHERE account = ? AND client_id = ?", id.account(), id.clientId());
            update(c, "UPDATE gateway SET last_birth = ? WHERE account = ? AND client_id = ?", now, id.account(), id.clientId());
        }
        Map<String, String> metrics = new java.util.LinkedHashMap<>();
        for (Metric m : payload.metrics()) {
            metrics.put(clip(m.name(), 255), clip(m.text(), 4000));
        }
        for (Map.Entry<String, String> e : metrics.entrySet()) {
            String replace = "UPDATE gateway_birth_metric SET metric_text = ? WHERE account = ? AND client_id = ? AND metric_name = ?";
            if (update(c, replace, e.getValue(), id.account(), id.clientId(), e.getKey()) == 0) {
                update(c, "INSERT INTO gateway_birth_metric (account, client_id, metric_name, metric_text) VALUES (?, ?, ?, ?)",
                        id.account(), id.clientId(), e.getKey(), e.getValue());
            }
        }
        String apps = metrics.get("application_ids");
        if (apps != null) {
            update(c, "UPDATE gateway SET application_ids = ? WHERE account = ? AND client_id = ?", apps, id.account(), id.clientId());
        }
    }

    private interface SqlAction {
        int run() throws SQLException;
    }

    private static void insertOrElse(Connection c, GatewayId id, GatewayState state, Instant at, LifecycleEvent event,
            SqlAction otherwise) throws SQLException {
        String insert = "INSERT INTO gateway (account, client_id, state, last_seen, last_event, profile, application_ids)"
                + " VALUES (?, ?, ?, ?, ?, ?, '')";
        try {
            update(c, insert, id.account(), id.clientId(), state.code(), at.toEpochMilli(), event == null ? null : event.name(), PROFILE);
        } catch (SQLException e) {
            if (!JdbcIngestStore.UNIQUE_VIOLATION.equals(e.getSQLState()) || !c.getAutoCommit()) {
                throw e;
            }
            otherwise.run();
        }
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    p.setNull(i + 1, java.sql.Types.VARCHAR);
                } else {
                    p.setObject(i + 1, params[i]);
                }
            }
            return p.executeUpdate();
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static List<String> applicationIds(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
