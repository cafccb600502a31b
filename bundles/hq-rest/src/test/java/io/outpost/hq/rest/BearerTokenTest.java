package io.outpost.hq.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void readsTheSecretOfABearerHeaderAndNothingElse() {
        assertEquals(Optional.of("hq_abc"), BearerToken.of("Bearer hq_abc"));
        assertEquals(Optional.of("hq_abc"), BearerToken.of("  bearer   hq_abc "));
        assertEquals(Optional.empty(), BearerToken.of(null));
        assertEquals(Optional.empty(), BearerToken.of("Bearer "));
        assertEquals(Optional.empty(), BearerToken.of("Basic aGk6aGk="));
        assertEquals(Optional.empty(), BearerToken.of("Bearer " + "x".repeat(201)));
    }
}
