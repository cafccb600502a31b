package io.outpost.request.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingAuditFileTest {

    @TempDir
    Path dir;

    private static AuditEntry entry(int n) {
        return new AuditEntry(1_700_000_000_000L + n, "hq", "ASSET-V1", "EXEC", "read", "r-" + n, 200, 42);
    }

    @Test
    void oneLinePerRequestRotatedAtTheSizeKeepingTheConfiguredNumberOfFiles() throws IOException {
        Path file = dir.resolve("audit/requests.log");
        try (RotatingAuditFile audit = new RotatingAuditFile(file, 300, 2)) {
            for (int i = 0; i < 20; i++) {
                audit.record(entry(i));
            }
            assertEquals(0, audit.failures());
        }
        List<String> current = Files.readAllLines(file);
        assertTrue(Files.size(file) <= 300);
        assertTrue(current.get(current.size() - 1).endsWith("requester=hq app=ASSET-V1 verb=EXEC resource=read id=r-19 code=200 micros=42"),
            current.toString());
        assertTrue(Files.exists(dir.resolve("audit/requests.log.1")));
        assertTrue(Files.exists(dir.resolve("audit/requests.log.2")));
        assertFalse(Files.exists(dir.resolve("audit/requests.log.3")));
        assertTrue(current.get(0).startsWith("2023-11-14T22:13:20."), current.get(0));
    }

    @Test
    void hostileFieldsCannotForgeLines() throws IOException {
        Path file = dir.resolve("requests.log");
        try (RotatingAuditFile audit = new RotatingAuditFile(file, 100_000, 1)) {
            audit.record(new AuditEntry(0, "hq", "X", "GET", "a\ncode=200 requester=ceo", "1", 403, 1));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("resource=a_code=200_requester=ceo"), lines.get(0));
    }

    @Test
    void aFileThatCannotBeWrittenIsCountedNotThrown() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        try (RotatingAuditFile audit = new RotatingAuditFile(blocker.resolve("requests.log"), 1000, 1)) {
            audit.record(entry(1));
            audit.record(entry(2));
            assertEquals(2, audit.failures());
        }
    }
}
