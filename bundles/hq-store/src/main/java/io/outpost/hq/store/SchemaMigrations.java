package io.outpost.hq.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Brings the schema to the newest version: scripts {@code sql/V<n>.sql} (n = 1, 2, ...) in this package, each run
 * once, in order, in its own transaction together with its row in {@code schema_version}. Two HQ instances starting
 * together are safe: the second insert of a version breaks the primary key, its transaction rolls back, and it
 * re-reads the version. Statements in a script are separated by a line holding only {@code ;}-terminated SQL.
 */
final class SchemaMigrations {

    static final int NEWEST = 2;

    private final DataSource dataSource;

    SchemaMigrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies what is missing and returns the schema version now. */
    int migrate() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            createVersionTable(c);
            for (int attempt = 0; attempt < 3; attempt++) {
                int current = currentVersion(c);
                if (current > NEWEST) {
                    throw new SQLException("the database's schema version " + current + " is newer than this HQ ("
                            + NEWEST + "): refusing to use it");
                }
                if (current == NEWEST) {
                    return current;
                }
                try {
                    apply(c, current + 1);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    // another instance applied it at the same moment: read again
                }
            }
            return currentVersion(c);
        }
    }

    private static void createVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, applied_at BIGINT NOT NULL)");
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void apply(Connection c, int version) throws SQLException {
        List<String> statements = statements(script(version));
        c.setAutoCommit(false);
        try {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)")) {
                p.setInt(1, version);
                p.setLong(2, System.currentTimeMillis());
                p.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String script(int version) throws SQLException {
        String name = "sql/V" + version + ".sql";
        try (InputStream in = SchemaMigrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new SQLException("migration script " + name + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration script " + name, e);
        }
    }

    /** Splits a script at semicolons that end a line; lines starting with -- are comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
