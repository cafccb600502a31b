package io.outpost.api.hq.token;

import java.util.List;
import java.util.Optional;

/**
 * HQ's API tokens, kept in the database as hashes so that several HQ instances share them. Names are 1-64 letters,
 * digits, '.', '_' or '-', and unique forever (a revoked name is not reused, so logs stay unambiguous).
 */
public interface ApiTokens {

    /**
     * Creates a token.
     *
     * @throws IllegalArgumentException when the name is malformed or already taken, with a message saying which
     */
    IssuedToken create(String name);

    /** Every token, active and revoked, by name. */
    List<ApiToken> list();

    /** Revokes the token of that name; empty when there is no such token. Revoking twice keeps the first time. */
    Optional<ApiToken> revoke(String name);

    /** The active token whose secret this is, or empty (unknown or revoked). */
    Optional<ApiToken> authenticate(String secret);
}
