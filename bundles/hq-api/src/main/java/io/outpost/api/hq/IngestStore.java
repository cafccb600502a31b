package io.outpost.api.hq;

import java.time.Instant;

/**
 * Where ingest puts what it accepted. Every write is safe to repeat and safe to run from several HQ instances at
 * once: de-duplication and registry updates are enforced by the database, not by memory.
 */
public interface IngestStore {

    /** Stores a data or alarm message once; a repeat of the same (gateway, epoch, msgid) is a duplicate. */
    StoreOutcome store(IncomingMessage message);

    /** Records a lifecycle message: BIRTH and APPS bring the gateway online with their metrics, DC and LWT take it offline. */
    void lifecycle(GatewayId gateway, LifecycleEvent event, DecodedPayload payload, Instant receivedAt);
}
