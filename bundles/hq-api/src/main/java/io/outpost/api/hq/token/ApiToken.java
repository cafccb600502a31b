package io.outpost.api.hq.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What HQ knows of a token: its name, when it was created, last used (to the minute) and revoked. Never the secret. */
public record ApiToken(String name, Instant created, Optional<Instant> lastUsed, Optional<Instant> revoked) {

    public ApiToken {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(revoked, "revoked");
    }

    public boolean active() {
        return revoked.isEmpty();
    }
}
