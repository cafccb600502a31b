package io.outpost.hq.alerts;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.alert.RuleRecord;

/**
 * Every rule this instance knows: its rule files, and the rules added through the API (table {@code alert_rule},
 * shared by all instances). The API's rules are re-read at most once a second; the files are re-scanned every
 * {@code scanMillis}. A file rule wins over an API rule of the same name (the API refuses such a name).
 */
final class RuleBook {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private final RuleFiles files;
    private final DataSource db;
    private final Clock clock;
    private final long scanMillis;
    private Instant nextScan = Instant.MIN;
    private Instant nextRead = Instant.MIN;
    private Map<String, Rule> apiRules = Map.of();

    RuleBook(RuleFiles files, DataSource db, Clock clock, long scanMillis) {
        this.files = files;
        this.db = db;
        this.clock = clock;
        this.scanMillis = scanMillis;
    }

    synchronized Collection<Rule> rules() {
        Instant now = clock.instant();
        if (!now.isBefore(nextScan)) {
            files.scan();
            nextScan = now.plusMillis(scanMillis);
        }
        if (!now.isBefore(nextRead)) {
            try {
                apiRules = readApiRules();
            } catch (SQLException e) {
                LOG.warn("alert rules: cannot read the API's rules: {}", e.getMessage());
            }
            nextRead = now.plusSeconds(1);
        }
        Map<String, Rule> all = new LinkedHashMap<>(apiRules);
        files.rules().forEach((name, loaded) -> all.put(name, loaded.rule()));
        return all.values();
    }

    /** Forgets the cached API rules, so a change made here is seen at once. */
    synchronized void changed() {
        nextRead = Instant.MIN;
        nextScan = Instant.MIN;
    }

    private Map<String, Rule> readApiRules() throws SQLException {
        Map<String, Rule> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection()) {
            for (String[] row : Sql.list(c, "SELECT name, rule_json FROM alert_rule ORDER BY name", r -> new String[] {r.getString(1), r.getString(2)})) {
                try {
                    out.put(row[0], RuleParser.parse(row[1]));
                } catch (IllegalArgumentException e) {
                    LOG.warn("alert rule '{}' in the database is refused: {}", row[0], e.getMessage());
                }
            }
        }
        return out;
    }

    List<RuleRecord> records() {
        rules();
        List<RuleRecord> out = new ArrayList<>();
        files.rules().forEach((name, loaded) -> out.add(new RuleRecord(name, "file:" + loaded.file(), loaded.rule().json())));
        synchronized (this) {
            apiRules.forEach((name, rule) -> {
                if (!files.rules().containsKey(name)) {
                    out.add(new RuleRecord(name, "api", rule.json()));
                }
            });
        }
        return out;
    }

    RuleFiles files() {
        return files;
    }
}
