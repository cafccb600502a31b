package io.outpost.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.ota.OtaState;

class InstallJournalTest {

    @TempDir
    Path dir;

    private static JobRecord installing() {
        return new JobRecord("install", 42, "driver-sim", "1.2.0", "http://hq/p.dp", "hq", true, "ab".repeat(32),
            "outpost-ota-signature 1\nalgorithm Ed25519\n", "", OtaState.INSTALLING, 10, 20, 4096, 0, "/tmp/x.pkg", "valid", "",
            "", List.of(new TouchedBundle("io.outpost.driver.sim", true, true, "/b/sim.jar", "1.2.0"),
                new TouchedBundle("io.outpost.extra", false, false, "", "1.0.0")), "77@123", false, false, true, 1000);
    }

    @Test
    void aRecordSurvivesARestartFieldForField() throws IOException {
        new InstallJournal(dir).write(installing());

        JobRecord read = new InstallJournal(dir).read().orElseThrow();

        assertEquals(installing().toProperties(), read.toProperties());
        assertEquals(OtaState.INSTALLING, read.state());
        assertEquals(2, read.touched().size());
        assertTrue(read.touched().get(0).existed());
        assertTrue(read.needLink());
    }

    @Test
    void aWriteCutOffBeforeItsRenameLeavesThePreviousRecord() throws IOException {
        InstallJournal journal = new InstallJournal(dir);
        journal.write(installing());
        Files.writeString(dir.resolve("journal.properties.tmp"), "format=1\nstate=che");  // a kill -9 mid-write

        JobRecord read = new InstallJournal(dir).read().orElseThrow();

        assertEquals(OtaState.INSTALLING, read.state());
        assertTrue(Files.notExists(dir.resolve("journal.properties.tmp")));
    }

    @Test
    void eachWriteReplacesTheRecord() throws IOException {
        InstallJournal journal = new InstallJournal(dir);
        journal.write(installing());
        journal.write(installing().withState(OtaState.CHECKING, "", 2000));
        journal.write(installing().withState(OtaState.ROLLED_BACK, "health check failed", 3000).asReported());

        JobRecord read = journal.read().orElseThrow();

        assertEquals(OtaState.ROLLED_BACK, read.state());
        assertEquals("health check failed", read.message());
        assertTrue(read.reported());
    }

    @Test
    void aForeignOrDamagedJournalIsRefusedNamingTheField() throws IOException {
        Files.writeString(dir.resolve("journal.properties"), "format=1\noperation=install\n");
        IOException e = assertThrows(IOException.class, () -> new InstallJournal(dir).read());
        assertTrue(e.getMessage().contains("'touched.count'") || e.getMessage().contains("is missing"), e.getMessage());

        Files.writeString(dir.resolve("journal.properties"), "format=9\n");
        IOException format = assertThrows(IOException.class, () -> new InstallJournal(dir).read());
        assertTrue(format.getMessage().contains("'format'"), format.getMessage());
    }

    @Test
    void noJournalMeansNoJob() throws IOException {
        assertTrue(new InstallJournal(dir).read().isEmpty());
    }
}
