package io.outpost.hq.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool and the schema. The driver's own DataSource is built here (no DriverManager, no class
 * loading by name, which OSGi does not allow across bundles) and HikariCP pools it; the schema is migrated before
 * the service is registered, so every user sees the current tables.
 */
@Component(service = HqDatabase.class, configurationPid = "io.outpost.hq.database", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DatabaseConfig.class)
public final class HqDatabase {

    private static final Logger LOG = LoggerFactory.getLogger(HqDatabase.class);

    private final HikariDataSource pool;
    private final DatabaseSettings settings;

    @Activate
    public HqDatabase(DatabaseConfig config) throws SQLException {
        this(DatabaseSettings.of(config));
    }

    HqDatabase(DatabaseSettings settings) throws SQLException {
        this.settings = settings;
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("outpost-hq");
        hikari.setDataSource(driverDataSource(settings));
        hikari.setMaximumPoolSize(settings.maxPoolSize());
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(settings.connectionTimeoutMillis());
        hikari.setAutoCommit(true);
        this.pool = new HikariDataSource(hikari);
        try {
            int version = new SchemaMigrations(pool).migrate();
            LOG.info("HQ database {} at schema version {}", redacted(settings.url()), version);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static DataSource driverDataSource(DatabaseSettings settings) {
        if (settings.engine() == DatabaseSettings.Engine.H2) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(settings.url());
            h2.setUser(settings.user());
            h2.setPassword(settings.password());
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(settings.url());
        pg.setUser(settings.user());
        pg.setPassword(settings.password());
        return pg;
    }

    private static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    DatabaseSettings settings() {
        return settings;
    }

    @Deactivate
    public void close() {
        pool.close();
    }
}
