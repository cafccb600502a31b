package io.outpost.webconsole.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorAccountTest {

    @TempDir
    Path dir;

    @Test
    void generatesAPasswordOnceIntoAnOwnerOnlyFileAndKeepsOnlyItsHash() throws Exception {
        Path password = dir.resolve("webconsole/initial-password");
        Path hash = dir.resolve("webconsole/password.pbkdf2");
        OperatorAccount first = OperatorAccount.load("admin", "", password, hash, new SecureRandom());
        String written = Files.readString(password);
        String generated = written.lines().filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring(9);
        assertEquals(OperatorAccount.GENERATED_LENGTH, generated.length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(password.getParent())));
        assertTrue(first.accepts("admin", generated));
        assertFalse(first.accepts("root", generated));
        assertFalse(first.accepts("admin", generated + "x"));
        Files.delete(password); // the operator read it and deleted it: the hash still logs in, nothing is regenerated
        OperatorAccount again = OperatorAccount.load("admin", "", password, hash, new SecureRandom());
        assertTrue(again.accepts("admin", generated));
        assertFalse(Files.exists(password));
    }

    @Test
    void aConfiguredHashWinsAndNothingIsGenerated() throws Exception {
        String configured = PasswordHash.of("operator-chosen-1".toCharArray(), new SecureRandom()).written();
        OperatorAccount account = OperatorAccount.load("ops", configured, dir.resolve("p"), dir.resolve("h"), new SecureRandom());
        assertTrue(account.accepts("ops", "operator-chosen-1"));
        assertFalse(Files.exists(dir.resolve("p")));
    }

    @Test
    void theLoginOnlyRedirectsInsideTheConsole() {
        assertEquals("/system/console/outpost-filter", ConsoleLogin.safeNext("/system/console/outpost-filter", "/system/console"));
        assertEquals("/system/console/", ConsoleLogin.safeNext("https://evil.example/", "/system/console"));
        assertEquals("/system/console/", ConsoleLogin.safeNext("/system/console//evil.example", "/system/console"));
        assertEquals("/system/console/", ConsoleLogin.safeNext(null, "/system/console"));
    }
}
