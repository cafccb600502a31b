/**
 * Integration tests of HQ's inbound half in a real Felix framework: the embedded broker, ingest, the H2 store, the
 * fleet registry and telemetry queries, driven by a Paho client that behaves like a gateway (birth, data with ids,
 * a duplicate, a second epoch, an alarm, garbage, and a last will the broker publishes when it vanishes).
 */
package io.outpost.itests.hq;
