package io.outpost.hq.alerts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;

import io.outpost.hq.store.TestDatabases;

/** The engine contract on H2 in file mode, as HQ runs by default. */
class H2EngineTest extends EngineContract {

    private final List<TestDatabases.Opened> opened = new ArrayList<>();
    private Path dir;

    @Override
    DataSource database() throws Exception {
        dir = Files.createTempDirectory("hq-alerts-h2");
        return open();
    }

    @Override
    DataSource secondPool() throws Exception {
        return open();
    }

    private DataSource open() throws Exception {
        TestDatabases.Opened o = TestDatabases.open("jdbc:h2:" + dir.resolve("hq").toAbsolutePath() + ";AUTO_SERVER=FALSE");
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
