package io.outpost.hq.store;

import java.util.ArrayList;
import java.util.List;

/** The checked database configuration; {@link #of} refuses a bad one with a message naming each wrong field. */
record DatabaseSettings(Engine engine, String url, String user, String password, int maxPoolSize, long connectionTimeoutMillis) {

    enum Engine { H2, POSTGRESQL }

    static DatabaseSettings of(String url, String user, String password, int maxPoolSize, long connectionTimeoutMillis) {
        List<String> errors = new ArrayList<>();
        Engine engine = null;
        if (url == null || url.isBlank()) {
            errors.add("'url' is empty");
        } else if (url.startsWith("jdbc:h2:")) {
            engine = Engine.H2;
            String path = url.substring("jdbc:h2:".length());
            if (path.startsWith("mem:") || path.startsWith("tcp:") || path.startsWith("ssl:")) {
                // accepted: an in-memory database for tests, a server for those who run one
            } else if (!(path.startsWith("./") || path.startsWith("/") || path.startsWith("~") || path.startsWith("file:"))) {
                errors.add("'url' " + url + ": an H2 file path must be absolute or start with ./ (H2 refuses implicit relative paths)");
            }
        } else if (url.startsWith("jdbc:postgresql:")) {
            engine = Engine.POSTGRESQL;
        } else {
            errors.add("'url' " + url + " is neither jdbc:h2: nor jdbc:postgresql:");
        }
        if (maxPoolSize < 1 || maxPoolSize > 200) {
            errors.add("'maxPoolSize' " + maxPoolSize + " is out of range 1-200");
        }
        if (connectionTimeoutMillis < 250) {
            errors.add("'connectionTimeoutMillis' " + connectionTimeoutMillis + " is below 250");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("hq database: " + String.join("; ", errors));
        }
        return new DatabaseSettings(engine, url, user == null ? "" : user, password == null ? "" : password, maxPoolSize,
                connectionTimeoutMillis);
    }

    static DatabaseSettings of(DatabaseConfig config) {
        return of(config.url(), config.user(), config.password(), config.maxPoolSize(), config.connectionTimeoutMillis());
    }
}
