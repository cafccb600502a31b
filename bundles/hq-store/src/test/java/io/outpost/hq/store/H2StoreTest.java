package io.outpost.hq.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on embedded H2 in file mode, in a temporary folder. */
class H2StoreTest extends StoreContract {

    @TempDir
    Path dir;

    @Override
    DatabaseSettings settings() {
        return DatabaseSettings.of("jdbc:h2:" + dir.resolve("hq").toAbsolutePath(), "hq", "", 4, 5000);
    }

    @Test
    void aBadConfigurationIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatabaseSettings.of("jdbc:h2:data/hq", "hq", "", 0, 5000));
        assertTrue(e.getMessage().contains("'url'") && e.getMessage().contains("'maxPoolSize' 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatabaseSettings.of("jdbc:mysql://x/y", "hq", "", 1, 5000));
    }

    @Test
    void splitsMigrationScriptsAtLineEndingSemicolonsAndSkipsComments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "CREATE INDEX b\nON a (x)"),
                SchemaMigrations.statements("-- c\nCREATE TABLE a (x INT);\n\nCREATE INDEX b\nON a (x);\n"));
    }
}
