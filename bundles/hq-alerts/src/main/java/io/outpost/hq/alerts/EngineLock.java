package io.outpost.hq.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A named row of {@code alert_cursor}, locked with {@code SELECT ... FOR UPDATE SKIP LOCKED} for the length of the
 * caller's transaction: while one HQ instance holds it, the others skip their turn instead of waiting. The row's
 * {@code position} is the watcher's durable progress.
 */
final class EngineLock {

    private EngineLock() {
    }

    /** Creates the row once (another instance may have); {@code position} is its first value. */
    static void ensure(Connection c, String name, long position) throws SQLException {
        if (Sql.one(c, "SELECT position FROM alert_cursor WHERE name = ?", r -> r.getLong(1), name).isPresent()) {
            return;
        }
        try {
            Sql.update(c, "INSERT INTO alert_cursor (name, position) VALUES (?, ?)", name, position);
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    /** In a transaction: the row's position when this instance now holds it, empty when another does. */
    static Optional<Long> tryLock(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT position FROM alert_cursor WHERE name = ? FOR UPDATE SKIP LOCKED", r -> r.getLong(1), name);
    }
}
