/**
 * HQ ingest: {@link io.outpost.hq.ingest.MqttIngest} subscribes to the gateways' data and lifecycle topics and
 * hands every message to {@link io.outpost.hq.ingest.MessageHandler}, which routes the topic
 * ({@link io.outpost.hq.ingest.KuraTopics}), applies the per-gateway rate limit, inflates gzip
 * ({@link io.outpost.hq.ingest.PayloadInflater}), decodes with the {@link io.outpost.api.hq.PayloadDecoder} service
 * of the payload's kind and stores through {@link io.outpost.api.hq.IngestStore}. A bad message is a counted
 * problem ({@link io.outpost.hq.ingest.ProblemLog} logs each kind once per interval), never an exception that
 * reaches Paho. The Kura decoders ({@link io.outpost.hq.ingest.KuraProtobufDecoder},
 * {@link io.outpost.hq.ingest.KuraJsonDecoder}) are services like any other decoder.
 */
package io.outpost.hq.ingest;
