package io.outpost.hq.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.token.ApiToken;
import io.outpost.api.hq.token.ApiTokens;
import io.outpost.api.hq.token.IssuedToken;

class TokenCommandsTest {

    /** An in-memory token store with the contract's behaviour, for the commands' text only. */
    static final class MemoryTokens implements ApiTokens {
        final List<ApiToken> tokens = new ArrayList<>();

        @Override
        public IssuedToken create(String name) {
            if (tokens.stream().anyMatch(t -> t.name().equals(name))) {
                throw new IllegalArgumentException("api token: 'name' '" + name + "' is already taken");
            }
            ApiToken t = new ApiToken(name, Instant.EPOCH, Optional.empty(), Optional.empty());
            tokens.add(t);
            return new IssuedToken(t, "hq_secret-" + name);
        }

        @Override
        public List<ApiToken> list() {
            return List.copyOf(tokens);
        }

        @Override
        public Optional<ApiToken> revoke(String name) {
            for (int i = 0; i < tokens.size(); i++) {
                ApiToken t = tokens.get(i);
                if (t.name().equals(name)) {
                    ApiToken r = new ApiToken(name, t.created(), t.lastUsed(), Optional.of(Instant.EPOCH.plusSeconds(60)));
                    tokens.set(i, r);
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<ApiToken> authenticate(String secret) {
            return Optional.empty();
        }
    }

    @Test
    void createsShowsTheSecretOnceListsWithoutItAndRevokes() {
        TokenCommands commands = new TokenCommands(new MemoryTokens());
        assertEquals("no API token yet\n", commands.token("list"));
        String created = commands.token("create", "ops");
        assertTrue(created.contains("hq_secret-ops"), created);
        String list = commands.token("list");
        assertTrue(list.contains("ops") && !list.contains("hq_secret"), list);
        assertTrue(commands.token("create", "ops").contains("already taken"));
        assertTrue(commands.token("revoke", "ops").contains("revoked at 1970-01-01T00:01:00Z"));
        assertEquals("no API token named 'x'\n", commands.token("revoke", "x"));
        assertTrue(commands.token("delete", "x").startsWith("usage:"));
    }
}
