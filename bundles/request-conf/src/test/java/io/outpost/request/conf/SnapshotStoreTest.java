package io.outpost.request.conf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

    @Test
    void idsAreUniqueAndIncreasingAndOnlyTheNewestAreKept(@TempDir Path dir) throws Exception {
        SnapshotStore store = new SnapshotStore(dir.resolve("snaps"), 3, Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            store.write(new byte[] {(byte) i});
        }
        assertEquals(List.of(1002L, 1003L, 1004L), store.ids());
        assertArrayEquals(new byte[] {4}, store.read(1004).orElseThrow());
        assertTrue(store.read(1000).isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("snaps/snapshot_1004.xml"))));
    }

    @Test
    void aNewStoreOnTheSameDirectoryFindsTheSnapshots(@TempDir Path dir) throws Exception {
        new SnapshotStore(dir, 10, Clock.systemUTC()).write(new byte[] {1});
        Files.writeString(dir.resolve("notes.txt"), "not a snapshot");
        Files.writeString(dir.resolve("snapshot_99999999999999999999.xml"), "id too long");
        SnapshotStore again = new SnapshotStore(dir, 10, Clock.systemUTC());
        assertEquals(1, again.ids().size());
    }
}
