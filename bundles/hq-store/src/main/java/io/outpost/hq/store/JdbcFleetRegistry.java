package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.hq.FleetRegistry;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayRecord;
import io.outpost.api.hq.GatewayState;
import io.outpost.api.hq.LifecycleEvent;

/** Reads the fleet registry from the {@code gateway} and {@code gateway_birth_metric} tables. */
@Component(service = FleetRegistry.class)
public final class JdbcFleetRegistry implements FleetRegistry {

    private static final String COLUMNS = "SELECT account, client_id, state, last_seen, last_event, last_birth, profile, application_ids FROM gateway";

    private final HqDatabase database;

    @Activate
    public JdbcFleetRegistry(@Reference HqDatabase database) {
        this.database = database;
    }

    @Override
    public List<GatewayRecord> gateways() {
        return query(COLUMNS + " ORDER BY account, client_id");
    }

    @Override
    public Optional<GatewayRecord> gateway(GatewayId id) {
        return query(COLUMNS + " WHERE account = ? AND client_id = ?", id.account(), id.clientId()).stream().findFirst();
    }

    @Override
    public List<GatewayRecord> byClientId(String clientId) {
        return query(COLUMNS + " WHERE client_id = ? ORDER BY account", clientId);
    }

    private List<GatewayRecord> query(String sql, String... params) {
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setString(i + 1, params[i]);
            }
            List<GatewayRecord> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    GatewayId id = new GatewayId(r.getString(1), r.getString(2));
                    String lastEvent = r.getString(5);
                    long lastBirth = r.getLong(6);
                    boolean hasBirth = !r.wasNull();
                    out.add(new GatewayRecord(id, GatewayState.ofCode(r.getString(3)), Instant.ofEpochMilli(r.getLong(4)),
                            Optional.ofNullable(lastEvent).map(LifecycleEvent::valueOf),
                            hasBirth ? Optional.of(Instant.ofEpochMilli(lastBirth)) : Optional.empty(), r.getString(7),
                            birthMetrics(c, id), GatewayRows.applicationIds(r.getString(8))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreFailure("reading the fleet registry failed: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> birthMetrics(Connection c, GatewayId id) throws SQLException {
        String sql = "SELECT metric_name, metric_text FROM gateway_birth_metric WHERE account = ? AND client_id = ? ORDER BY metric_name";
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, id.account());
            p.setString(2, id.clientId());
            Map<String, String> out = new LinkedHashMap<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
            return out;
        }
    }

    /** Marks gateways online but silent since before {@code cutoff} as unknown; returns how many. */
    int markSilentUnknown(Instant cutoff) {
        try (Connection c = database.connection()) {
            return GatewayRows.update(c, "UPDATE gateway SET state = 'unknown' WHERE state = 'online' AND last_seen < ?", cutoff.toEpochMilli());
        } catch (SQLException e) {
            throw new StoreFailure("marking silent gateways failed: " + e.getMessage(), e);
        }
    }
}
