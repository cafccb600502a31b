package io.outpost.hq.rest;

import java.util.Optional;

/** Reads the secret of an {@code Authorization: Bearer <token>} header (scheme case-insensitive, RFC 6750). */
final class BearerToken {

    private BearerToken() {
    }

    static Optional<String> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() <= 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String secret = h.substring(7).strip();
        return secret.isEmpty() || secret.length() > 200 ? Optional.empty() : Optional.of(secret);
    }
}
