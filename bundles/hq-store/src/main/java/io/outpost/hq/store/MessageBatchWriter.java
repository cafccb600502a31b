package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.outpost.api.hq.DecodedPayload;
import io.outpost.api.hq.IncomingMessage;
import io.outpost.api.hq.MessageClass;
import io.outpost.api.hq.Metric;
import io.outpost.api.hq.StoreOutcome;

/**
 * Writes many messages in one transaction: one JDBC batch of message rows that skips a row whose
 * (account, client_id, epoch, msgid) is already there, then all their samples as multi-row INSERTs and their alarms
 * as one batch. The skip is {@code ON CONFLICT ON CONSTRAINT message_once DO NOTHING} on PostgreSQL (safe against
 * another instance inserting the same key at the same moment: it waits for it, then skips) and
 * {@code INSERT ... SELECT ... WHERE NOT EXISTS} on H2, whose file is owned by one process. Each row's update
 * count says whether it was inserted (1) or a duplicate (0); the generated ids come back for the inserted rows only,
 * in order. The unique constraint stays the judge: should a row still break it, the caller stores the messages one
 * by one instead.
 */
final class MessageBatchWriter {

    private static final int SAMPLE_ROWS_PER_INSERT = 200;
    private static final String COLUMNS = "(" + MessageColumns.NAMES + ")";
    private static final String PG_INSERT = "INSERT INTO message " + COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT ON CONSTRAINT message_once DO NOTHING";
    private static final String H2_INSERT = "INSERT INTO message " + COLUMNS + " SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM message WHERE account = ? AND client_id = ? AND epoch = ? AND msgid = ?)";
    private static final String SAMPLE = "INSERT INTO sample (message_id, account, client_id, device, channel, ts, num, txt) VALUES ";
    private static final String SAMPLE_ROW = "(?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ALARM = "INSERT INTO alarm (message_id, account, client_id, device, channel, alarm_state, limit_kind,"
            + " threshold, value_text, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final boolean postgres;
    private final String fullSampleInsert;

    MessageBatchWriter(boolean postgres) {
        this.postgres = postgres;
        this.fullSampleInsert = sampleInsert(SAMPLE_ROWS_PER_INSERT);
    }

    /** Writes {@code batch} on {@code c} (auto-commit off; the caller commits). One outcome per message, in order. */
    List<StoreOutcome> write(Connection c, List<IncomingMessage> batch) throws SQLException {
        StoreOutcome[] outcomes = new StoreOutcome[batch.size()];
        long[] ids = insertMessages(c, batch, outcomes);
        insertSamples(c, batch, ids);
        insertAlarms(c, batch, ids);
        return Arrays.asList(outcomes);
    }

    private long[] insertMessages(Connection c, List<IncomingMessage> batch, StoreOutcome[] outcomes) throws SQLException {
        long[] ids = new long[batch.size()];
        // a repeat inside the batch is answered here; the database sees each key once
        Set<String> keys = new HashSet<>();
        List<Integer> sent = new ArrayList<>(batch.size());
        try (PreparedStatement p = c.prepareStatement(postgres ? PG_INSERT : H2_INSERT, new String[] {"id"})) {
            for (int i = 0; i < batch.size(); i++) {
                IncomingMessage m = batch.get(i);
                if (m.msgid().isPresent() && !keys.add(m.gateway() + "\u0000" + m.epoch().orElse(0) + "\u0000" + m.msgid().getAsLong())) {
                    outcomes[i] = StoreOutcome.DUPLICATE;
                    continue;
                }
                bindMessage(p, m);
                p.addBatch();
                sent.add(i);
            }
            if (sent.isEmpty()) {
                return ids;
            }
            int[] counts = p.executeBatch();
            try (ResultSet generated = p.getGeneratedKeys()) {
                for (int k = 0; k < counts.length; k++) {
                    int i = sent.get(k);
                    if (counts[k] == 1) {
                        if (!generated.next()) {
                            throw new SQLException("the database returned fewer ids than rows it inserted");
                        }
                        ids[i] = generated.getLong(1);
                        outcomes[i] = StoreOutcome.STORED;
                    } else if (counts[k] == 0) {
                        outcomes[i] = StoreOutcome.DUPLICATE;
                    } else {
                        throw new SQLException("unexpected update count " + counts[k] + " for a message row");
                    }
                }
            }
        }
        return ids;
    }

    private void bindMessage(PreparedStatement p, IncomingMessage m) throws SQLException {
        MessageColumns.bind(p, m);
        if (!postgres) {
            p.setString(9, m.gateway().account());
            p.setString(10, m.gateway().clientId());
            p.setLong(11, m.epoch().orElse(0));
            if (m.msgid().isPresent()) {
                p.setLong(12, m.msgid().getAsLong());
            } else {
                p.setNull(12, Types.BIGINT); // = NULL is never true: a message without msgid is never a duplicate
            }
        }
    }

    private void insertSamples(Connection c, List<IncomingMessage> batch, long[] ids) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            IncomingMessage m = batch.get(i);
            if (ids[i] == 0 || m.messageClass() == MessageClass.ALARM) {
                continue;
            }
            for (Metric metric : m.payload().metrics()) {
                if (!metric.name().startsWith("outpost.")) {
                    rows.add(new Object[] {ids[i], m, metric});
                }
            }
        }
        int at = 0;
        if (rows.size() >= SAMPLE_ROWS_PER_INSERT) {
            try (PreparedStatement p = c.prepareStatement(fullSampleInsert)) {
                for (; at + SAMPLE_ROWS_PER_INSERT <= rows.size(); at += SAMPLE_ROWS_PER_INSERT) {
                    bindSamples(p, rows, at, SAMPLE_ROWS_PER_INSERT);
                    p.executeUpdate();
                }
            }
        }
        if (at < rows.size()) {
            try (PreparedStatement p = c.prepareStatement(sampleInsert(rows.size() - at))) {
                bindSamples(p, rows, at, rows.size() - at);
                p.executeUpdate();
            }
        }
    }

    private static void bindSamples(PreparedStatement p, List<Object[]> rows, int from, int count) throws SQLException {
        int k = 1;
        for (int r = from; r < from + count; r++) {
            long id = (Long) rows.get(r)[0];
            IncomingMessage m = (IncomingMessage) rows.get(r)[1];
            Metric metric = (Metric) rows.get(r)[2];
            p.setLong(k++, id);
            p.setString(k++, m.gateway().account());
            p.setString(k++, m.gateway().clientId());
            p.setString(k++, m.device());
            p.setString(k++, metric.name());
            p.setLong(k++, m.time().toEpochMilli());
            Double number = metric.number();
            if (number != null && Double.isFinite(number)) {
                p.setDouble(k++, number);
                p.setNull(k++, Types.VARCHAR);
            } else {
                p.setNull(k++, Types.DOUBLE);
                p.setString(k++, JdbcIngestStore.clip(metric.text()));
            }
        }
    }

    private static String sampleInsert(int rows) {
        StringBuilder sql = new StringBuilder(SAMPLE.length() + rows * (SAMPLE_ROW.length() + 2)).append(SAMPLE);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(SAMPLE_ROW);
        }
        return sql.toString();
    }

    private static void insertAlarms(Connection c, List<IncomingMessage> batch, long[] ids) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(ALARM)) {
            int rows = 0;
            for (int i = 0; i < batch.size(); i++) {
                IncomingMessage m = batch.get(i);
                if (ids[i] == 0 || m.messageClass() != MessageClass.ALARM) {
                    continue;
                }
                DecodedPayload payload = m.payload();
                p.setLong(1, ids[i]);
                p.setString(2, m.gateway().account());
                p.setString(3, m.gateway().clientId());
                p.setString(4, m.device());
                p.setString(5, JdbcIngestStore.text(payload, "channel", 255));
                p.setString(6, JdbcIngestStore.text(payload, "state", 16));
                p.setString(7, JdbcIngestStore.text(payload, "limit", 16));
                Double threshold = payload.metric("threshold").map(Metric::number).orElse(null);
                if (threshold != null && Double.isFinite(threshold)) {
                    p.setDouble(8, threshold);
                } else {
                    p.setNull(8, Types.DOUBLE);
                }
                p.setString(9, JdbcIngestStore.text(payload, "value", 255));
                p.setLong(10, m.time().toEpochMilli());
                p.addBatch();
                rows++;
            }
            if (rows > 0) {
                p.executeBatch();
            }
        }
    }
}
