package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.outpost.testing.postgres.PostgresCluster;

/** The same store contract on a real PostgreSQL cluster started by the test (Debian package postgresql). */
class PostgresStoreTest extends StoreContract {

    static PostgresCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new PostgresCluster();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    DatabaseSettings settings() throws Exception {
        DatabaseSettings settings = DatabaseSettings.of(cluster.url(), "hq", "", 4, 10000);
        try (Connection c = new org.postgresql.ds.PGSimpleDataSource() {{ setURL(cluster.url()); setUser("hq"); }}.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        return settings;
    }
}
