/**
 * HQ's receiver for the compact frames gateways send over SMS and SBD (docs/protocol.md, "Compact frames"): an SMS
 * provider or an Iridium SBD service calls HQ over HTTP with the text or the bytes it received; each frame is opened
 * with its gateway's key (authenticated, not replayed) and stored through the {@link io.outpost.api.hq.IngestStore}
 * like data that came over MQTT, with the frame's sequence as its message id.
 */
package io.outpost.hq.ingest.compact;
