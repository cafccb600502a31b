package io.outpost.hq.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.hq.token.ApiToken;
import io.outpost.api.hq.token.ApiTokens;
import io.outpost.api.hq.token.IssuedToken;

/**
 * API tokens in the {@code api_token} table. A secret is {@code hq_} and 32 random bytes (256 bits) in base64url;
 * the table holds its SHA-256. A fast hash is enough here because the secret is random and long: nobody can guess
 * it, fast or slow, while slow password hashes (bcrypt, Argon2) exist for short human passwords. A fast, unsalted
 * hash also lets every request find its token by an index lookup on the hash instead of trying each row.
 */
@Component(service = ApiTokens.class)
public final class JdbcApiTokens implements ApiTokens {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String PREFIX = "hq_";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final String COLUMNS = "SELECT name, created_at, last_used, revoked_at FROM api_token";

    private final HqDatabase database;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public JdbcApiTokens(@Reference HqDatabase database) {
        this(database, Clock.systemUTC());
    }

    JdbcApiTokens(HqDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public IssuedToken create(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("api token: 'name' " + (name == null ? "(none)" : "'" + name + "'")
                    + " must be 1-64 letters, digits, '.', '_' or '-'");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        try (Connection c = database.connection();
                PreparedStatement p = c.prepareStatement("INSERT INTO api_token (name, token_hash, created_at) VALUES (?, ?, ?)")) {
            p.setString(1, name);
            p.setString(2, hash(secret));
            p.setLong(3, now.toEpochMilli());
            p.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new IllegalArgumentException("api token: 'name' '" + name + "' is already taken (names are not reused, even after a revoke)");
            }
            throw new StoreFailure("creating api token '" + name + "' failed: " + e.getMessage(), e);
        }
        return new IssuedToken(new ApiToken(name, Instant.ofEpochMilli(now.toEpochMilli()), Optional.empty(), Optional.empty()), secret);
    }

    @Override
    public List<ApiToken> list() {
        return query(COLUMNS + " ORDER BY name", null);
    }

    @Override
    public Optional<ApiToken> revoke(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try (Connection c = database.connection();
                PreparedStatement p = c.prepareStatement("UPDATE api_token SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
            p.setLong(1, clock.millis());
            p.setString(2, name);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new StoreFailure("revoking api token '" + name + "' failed: " + e.getMessage(), e);
        }
        return query(COLUMNS + " WHERE name = ?", name).stream().findFirst();
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(secret);
        Optional<ApiToken> found = query(COLUMNS + " WHERE token_hash = ? AND revoked_at IS NULL", hash).stream().findFirst();
        found.ifPresent(t -> touch(hash, t));
        return found;
    }

    /** Records the use, at most once per minute per token (a write per request would be wasted). */
    private void touch(String hash, ApiToken token) {
        Instant now = clock.instant();
        if (token.lastUsed().map(t -> t.plus(LAST_USED_RESOLUTION).isAfter(now)).orElse(false)) {
            return;
        }
        try (Connection c = database.connection();
                PreparedStatement p = c.prepareStatement("UPDATE api_token SET last_used = ? WHERE token_hash = ?")) {
            p.setLong(1, now.toEpochMilli());
            p.setString(2, hash);
            p.executeUpdate();
        } catch (SQLException e) {
            // the request is authenticated either way; last_used is for the operator's eyes only
        }
    }

    private List<ApiToken> query(String sql, String param) {
        try (Connection c = database.connection(); PreparedStatement p = c.prepareStatement(sql)) {
            if (param != null) {
                p.setString(1, param);
            }
            List<ApiToken> out = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new ApiToken(r.getString(1), Instant.ofEpochMilli(r.getLong(2)), instant(r, 3), instant(r, 4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreFailure("reading api tokens failed: " + e.getMessage(), e);
        }
    }

    private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
        long v = r.getLong(column);
        return r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
