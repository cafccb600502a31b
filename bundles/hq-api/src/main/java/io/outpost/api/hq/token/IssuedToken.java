package io.outpost.api.hq.token;

import java.util.Objects;

/** A token just created: its record and its secret, which HQ does not keep and cannot show again. */
public record IssuedToken(ApiToken token, String secret) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token.name() + "]";
    }
}
