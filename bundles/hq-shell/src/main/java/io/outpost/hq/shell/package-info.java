/**
 * Gogo commands in scope {@code hq} for operators on the HQ console: {@code fleet}, {@code gateway <id>},
 * {@code telemetry <gateway> <device> <channel> [--since 1h] [--bucket 5m]}, {@code ingest}, {@code token create|list|revoke} (API tokens). A gateway is named
 * {@code <account>/<client-id>} or by its client id alone when that is unique.
 */
package io.outpost.hq.shell;
