package io.outpost.webconsole.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void matchesOnlyTheRightPasswordAndSurvivesItsWrittenForm() {
        PasswordHash hash = PasswordHash.of("correct horse battery".toCharArray(), new SecureRandom());
        PasswordHash read = PasswordHash.parse("passwordHash", hash.written());
        assertTrue(read.matches("correct horse battery".toCharArray()));
        assertFalse(read.matches("correct horse batterz".toCharArray()));
        assertEquals(PasswordHash.DEFAULT_ITERATIONS, read.iterations());
        assertTrue(hash.written().startsWith("pbkdf2-sha256:210000:"));
    }

    @Test
    void twoHashesOfOnePasswordDifferBySalt() {
        SecureRandom random = new SecureRandom();
        assertFalse(PasswordHash.of("same".toCharArray(), random).written().equals(PasswordHash.of("same".toCharArray(), random).written()));
    }

    @Test
    void aWrongWrittenFormIsRefusedNamingTheField() {
        assertEquals("field 'passwordHash': expected pbkdf2-sha256:<iterations>:<salt>:<hash>",
            assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("passwordHash", "sha1:abc")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("passwordHash", "pbkdf2-sha256:100:AAAAAAAAAAA=:AAAAAAAAAAAAAAAAAAAAAA=="))
            .getMessage().contains("100 iterations is below 10000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PasswordHash.parse("passwordHash", "pbkdf2-sha256:x:a:b"))
            .getMessage().contains("'x' is not a number"));
    }
}
