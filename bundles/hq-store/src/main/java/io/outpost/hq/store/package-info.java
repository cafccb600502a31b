/**
 * HQ's database. {@link io.outpost.hq.store.HqDatabase} owns the connection pool (HikariCP over H2 in file mode or
 * PostgreSQL, chosen by the JDBC URL) and brings the schema up to date with {@link io.outpost.hq.store.SchemaMigrations}
 * (versioned SQL scripts, table {@code schema_version}). {@link io.outpost.hq.store.JdbcIngestStore} writes messages
 * once (a unique constraint on gateway, epoch and message id), {@link io.outpost.hq.store.JdbcFleetRegistry} and
 * {@link io.outpost.hq.store.JdbcTelemetryQuery} read, and {@link io.outpost.hq.store.SilenceSweeper} marks silent
 * gateways unknown. The SQL is the common subset of H2 2.x and PostgreSQL, so the same code runs on both.
 */
package io.outpost.hq.store;
