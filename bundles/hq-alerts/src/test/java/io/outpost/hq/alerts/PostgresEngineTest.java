package io.outpost.hq.alerts;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import io.outpost.testing.postgres.PostgresCluster;
import io.outpost.hq.store.TestDatabases;

/** The engine contract on a real PostgreSQL (Debian package postgresql), two pools standing for two HQ instances. */
class PostgresEngineTest extends EngineContract {

    private static PostgresCluster cluster;
    private final List<TestDatabases.Opened> opened = new ArrayList<>();
    private static int databases;

    @BeforeAll
    static void start() throws Exception {
        cluster = new PostgresCluster();
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    private String url;

    @Override
    DataSource database() throws Exception {
        String name = "alerts" + (++databases);
        try (var c = java.sql.DriverManager.getConnection(cluster.url(), "hq", ""); var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        url = cluster.url().replace("/postgres", "/" + name);
        return open();
    }

    @Override
    DataSource secondPool() throws Exception {
        return open();
    }

    private DataSource open() throws Exception {
        TestDatabases.Opened o = TestDatabases.open(url);
        opened.add(o);
        return o.dataSource();
    }

    @AfterEach
    void close() {
        stopEngines();
        opened.forEach(TestDatabases.Opened::close);
        opened.clear();
    }
}
