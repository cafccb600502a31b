package io.outpost.hq.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFilesTest {

    @TempDir
    Path dir;

    static final String GOOD = "{\"name\": \"%s\", \"condition\": {\"type\": \"alarm\"}, \"notify\": [{\"notifier\": \"mail\", \"to\": \"a@b.c\"}]}";

    @Test
    void aBadFileIsRefusedNamingTheFieldAndTheOthersKeepWorking() throws Exception {
        Files.writeString(dir.resolve("a.json"), GOOD.formatted("first"));
        Files.writeString(dir.resolve("b.json"), GOOD.formatted("second").replace("\"alarm\"", "\"alarn\""));
        Files.writeString(dir.resolve("c.json"), GOOD.formatted("first"));
        Files.writeString(dir.resolve("notes.txt"), "not a rule");
        RuleFiles files = new RuleFiles(dir);
        assertEquals(java.util.Set.of("first"), files.scan().keySet());
        assertTrue(files.problems().get(dir.resolve("b.json")).contains("'condition.type' \"alarn\""), files.problems().toString());
        assertTrue(files.problems().get(dir.resolve("c.json")).contains("already used by a.json"), files.problems().toString());
        // fixing the file brings its rule in; deleting a file takes its rule out
        Files.writeString(dir.resolve("b.json"), GOOD.formatted("second"));
        Files.setLastModifiedTime(dir.resolve("b.json"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Files.delete(dir.resolve("a.json"));
        assertEquals(java.util.Set.of("first", "second"), files.scan().keySet());
        assertEquals(dir.resolve("c.json"), files.rules().get("first").file());
    }

    @Test
    void aMissingFolderMeansNoRules() {
        assertEquals(0, new RuleFiles(dir.resolve("none")).scan().size());
    }
}
