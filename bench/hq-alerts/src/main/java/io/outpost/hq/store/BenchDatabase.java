package io.outpost.hq.store;

import java.sql.SQLException;

import javax.sql.DataSource;

/** HQ's real pool and schema for the bench (the same package, so the package-private constructor is reachable). */
public final class BenchDatabase {

    private BenchDatabase() {
    }

    public static DataSource open(String url) throws SQLException {
        return new HqDataSource(new HqDatabase(DatabaseSettings.of(url, "hq", "", 8, 10000)));
    }
}
