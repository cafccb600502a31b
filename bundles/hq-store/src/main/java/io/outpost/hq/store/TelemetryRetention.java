package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Deletes the oldest telemetry: first every message received before {@code now - maxAge}, then, while the
 * {@code sample} table holds more than {@code maxSamples} rows, the oldest messages (by id, which is arrival order)
 * until it does not. A message's samples and alarms go with it ({@code ON DELETE CASCADE}).
 *
 * <p>Each batch is one statement in its own short transaction, so ingest waits at most for one batch, and a pause
 * between batches lets it in. Several HQ instances may run this at once: deleting what another instance already
 * deleted deletes nothing. The thread is never interrupted: H2's file channel would close under it.
 */
final class TelemetryRetention {

    private final HqDatabase database;
    private final RetentionSettings settings;

    TelemetryRetention(HqDatabase database, RetentionSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    RetentionOutcome run(Instant now) throws SQLException, InterruptedException {
        return run(now, () -> false);
    }

    /** Like {@link #run(Instant)}, stopping between two batches once {@code stop} says so. */
    RetentionOutcome run(Instant now, BooleanSupplier stop) throws SQLException, InterruptedException {
        long byAge = 0;
        int batches = 0;
        if (!settings.maxAge().isZero()) {
            long cutoff = now.minus(settings.maxAge()).toEpochMilli();
            while (!stop.getAsBoolean()) {
                int deleted = deleteOlderThan(cutoff);
                if (deleted == 0) {
                    break;
                }
                byAge += deleted;
                batches++;
                pause();
                if (deleted < settings.batchSize()) {
                    break;
                }
            }
        }
        long bySize = 0;
        long samplesBySize = 0;
        if (settings.maxSamples() > 0) {
            long excess = sampleCount() - settings.maxSamples();
            while (excess > 0 && !stop.getAsBoolean()) {
                List<long[]> oldest = oldestMessages(settings.batchSize());
                if (oldest.isEmpty()) {
                    break;
                }
                List<Long> ids = new ArrayList<>();
                long samples = 0;
                for (long[] m : oldest) {
                    if (samples >= excess) {
                        break;
                    }
                    ids.add(m[0]);
                    samples += m[1];
                }
                deleteIds(ids);
                bySize += ids.size();
                samplesBySize += samples;
                excess -= samples;
                batches++;
                pause();
            }
        }
        return new RetentionOutcome(byAge, bySize, samplesBySize, batches);
    }

    private int deleteOlderThan(long cutoff) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p = c.prepareStatement("DELETE FROM message WHERE id IN (SELECT id FROM message "
                        + "WHERE received_at < ? ORDER BY received_at FETCH FIRST " + settings.batchSize() + " ROWS ONLY)")) {
            p.setLong(1, cutoff);
            return p.executeUpdate();
        }
    }

    private long sampleCount() throws SQLException {
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sample")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The oldest messages as (id, number of samples), oldest first. */
    private List<long[]> oldestMessages(int limit) throws SQLException {
        try (Connection c = database.connection();
                PreparedStatement p = c.prepareStatement("SELECT m.id, (SELECT COUNT(*) FROM sample s WHERE s.message_id = m.id) "
                        + "FROM message m ORDER BY m.id FETCH FIRST " + limit + " ROWS ONLY");
                ResultSet r = p.executeQuery()) {
            List<long[]> out = new ArrayList<>();
            while (r.next()) {
                out.add(new long[] {r.getLong(1), r.getLong(2)});
            }
            return out;
        }
    }

    private void deleteIds(List<Long> ids) throws SQLException {
        StringBuilder sql = new StringBuilder("DELETE FROM message WHERE id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(')');
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < ids.size(); i++) {
                p.setLong(i + 1, ids.get(i));
            }
            p.executeUpdate();
        }
    }

    private void pause() throws InterruptedException {
        if (settings.batchPauseMillis() > 0) {
            Thread.sleep(settings.batchPauseMillis());
        }
    }
}
