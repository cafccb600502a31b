/**
 * HQ's service contracts. A {@link io.outpost.api.hq.PayloadDecoder} turns payload bytes of one kind into a
 * {@link io.outpost.api.hq.DecodedPayload}; the {@link io.outpost.api.hq.IngestStore} keeps what ingest accepted;
 * {@link io.outpost.api.hq.FleetRegistry} and {@link io.outpost.api.hq.TelemetryQuery} answer questions about it.
 * A gateway is named by its {@link io.outpost.api.hq.GatewayId} (account and client id, as in its topics).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.outpost.api.hq;
