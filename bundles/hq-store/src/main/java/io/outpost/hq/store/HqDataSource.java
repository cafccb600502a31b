package io.outpost.hq.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * HQ's pool as a plain {@link DataSource} service (property {@code outpost.hq.database=hq}) for HQ bundles that keep
 * tables of their own in the same database, such as the alert engine. The schema is current when it is registered.
 */
@Component(service = DataSource.class, property = "outpost.hq.database=hq")
public final class HqDataSource implements DataSource {

    private final HqDatabase database;

    @Activate
    public HqDataSource(@Reference HqDatabase database) {
        this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return database.connection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("HQ's pool has one account: use getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // the pool logs through slf4j
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // set by the pool's connectionTimeoutMillis
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("HQ's data source wraps nothing it hands out");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
