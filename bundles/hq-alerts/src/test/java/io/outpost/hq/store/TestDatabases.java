package io.outpost.hq.store;

import java.sql.SQLException;

import javax.sql.DataSource;

/** Opens HQ's real pool and schema (all migrations) for the alert engine's tests. */
public final class TestDatabases {

    private TestDatabases() {
    }

    public record Opened(HqDatabase database, DataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }

    public static Opened open(String url) throws SQLException {
        HqDatabase db = new HqDatabase(DatabaseSettings.of(url, "hq", "", 6, 10000));
        return new Opened(db, new HqDataSource(db));
    }
}
