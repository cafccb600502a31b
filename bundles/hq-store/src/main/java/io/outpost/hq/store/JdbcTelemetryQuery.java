package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.hq.AlarmRecord;
import io.outpost.api.hq.Bucket;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.Sample;
import io.outpost.api.hq.TelemetryQuery;

/** Telemetry queries; downsampling is done by the database (GROUP BY bucket number), not in memory. */
@Component(service = TelemetryQuery.class)
public final class JdbcTelemetryQuery implements TelemetryQuery {

    private final HqDatabase database;

    @Activate
    public JdbcTelemetryQuery(@Reference HqDatabase database) {
        this.database = database;
    }

    @Override
    public List<Sample> samples(GatewayId gw, String device, String channel, Instant from, Instant to, int limit) {
        return samples(gw, device, channel, from, to, limit, "ASC");
    }

    @Override
    public List<Sample> latestSamples(GatewayId gw, String device, String channel, Instant from, Instant to, int limit) {
        List<Sample> newestFirst = new ArrayList<>(samples(gw, device, channel, from, to, limit, "DESC"));
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public long count(GatewayId gw, String device, String channel, Instant from, Instant to) {
        String sql = "SELECT COUNT(*) FROM sample WHERE account = ? AND client_id = ? AND device = ? AND channel = ? AND ts >= ? AND ts < ?";
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            bindChannel(p, gw, device, channel, from, to);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreFailure("counting samples failed: " + e.getMessage(), e);
        }
    }

    private List<Sample> samples(GatewayId gw, String device, String channel, Instant from, Instant to, int limit, String order) {
        String sql = "SELECT ts, num, txt FROM sample WHERE account = ? AND client_id = ? AND device = ? AND channel = ?"
                + " AND ts >= ? AND ts < ? ORDER BY ts " + order + " FETCH FIRST ? ROWS ONLY";
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            bindChannel(p, gw, device, channel, from, to);
            p.setInt(7, Math.max(0, limit));
            List<Sample> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double num = r.getDouble(2);
                    Double number = r.wasNull() ? null : num;
                    out.add(new Sample(Instant.ofEpochMilli(r.getLong(1)), number, r.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreFailure("reading samples failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Bucket> downsample(GatewayId gw, String device, String channel, Instant from, Instant to, Duration bucket) {
        long width = bucket.toMillis();
        if (width <= 0) {
            throw new IllegalArgumentException("bucket " + bucket + " is not positive");
        }
        String sql = "SELECT b, COUNT(num), MIN(num), AVG(num), MAX(num) FROM (SELECT (ts - ?) / ? AS b, num FROM sample"
                + " WHERE account = ? AND client_id = ? AND device = ? AND channel = ? AND ts >= ? AND ts < ? AND num IS NOT NULL) q"
                + " GROUP BY b ORDER BY b";
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setLong(1, from.toEpochMilli());
            p.setLong(2, width);
            p.setString(3, gw.account());
            p.setString(4, gw.clientId());
            p.setString(5, device);
            p.setString(6, channel);
            p.setLong(7, from.toEpochMilli());
            p.setLong(8, to.toEpochMilli());
            List<Bucket> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long index = r.getLong(1);
                    out.add(new Bucket(from.plusMillis(index * width), r.getLong(2), r.getDouble(3), r.getDouble(4), r.getDouble(5)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreFailure("downsampling failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> channels(GatewayId gw) {
        String sql = "SELECT DISTINCT device, channel FROM sample WHERE account = ? AND client_id = ? ORDER BY device, channel";
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, gw.account());
            p.setString(2, gw.clientId());
            List<String> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1) + "/" + r.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreFailure("listing channels failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<AlarmRecord> alarms(GatewayId gw, Instant from, Instant to) {
        String sql = "SELECT device, channel, alarm_state, limit_kind, threshold, value_text, ts FROM alarm"
                + " WHERE account = ? AND client_id = ? AND ts >= ? AND ts < ? ORDER BY ts";
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, gw.account());
            p.setString(2, gw.clientId());
            p.setLong(3, from.toEpochMilli());
            p.setLong(4, to.toEpochMilli());
            List<AlarmRecord> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    double threshold = r.getDouble(5);
                    Double t = r.wasNull() ? null : threshold;
                    out.add(new AlarmRecord(gw, r.getString(1), r.getString(2), r.getString(3), r.getString(4), t,
                            r.getString(6), Instant.ofEpochMilli(r.getLong(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreFailure("reading alarms failed: " + e.getMessage(), e);
        }
    }

    private static void bindChannel(PreparedStatement p, GatewayId gw, String device, String channel, Instant from, Instant to)
            throws SQLException {
        p.setString(1, gw.account());
        p.setString(2, gw.clientId());
        p.setString(3, device);
        p.setString(4, channel);
        p.setLong(5, from.toEpochMilli());
        p.setLong(6, to.toEpochMilli());
    }
}
