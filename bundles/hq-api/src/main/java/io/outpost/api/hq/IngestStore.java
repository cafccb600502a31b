package io.outpost.api.hq;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where ingest puts what it accepted. Every write is safe to repeat and safe to run from several HQ instances at
 * once: de-duplication and registry updates are enforced by the database, not by memory.
 */
public interface IngestStore {

    /** Stores a data or alarm message once; a repeat of the same (gateway, epoch, msgid) is a duplicate. */
    StoreOutcome store(IncomingMessage message);

    /**
     * Stores several data or alarm messages, as {@link #store} would, one outcome per message in the same order. A
     * store writes them in one transaction (ingest's batches); this default stores them one by one. A repeat inside
     * the list is a duplicate like any other. Throws when nothing could be stored (the database is down).
     *
     * @since 1.1
     */
    default List<StoreOutcome> storeAll(List<IncomingMessage> messages) {
        List<StoreOutcome> outcomes = new ArrayList<>(messages.size());
        for (IncomingMessage m : messages) {
            outcomes.add(store(m));
        }
        return outcomes;
    }

    /** Records a lifecycle message: BIRTH and APPS bring the gateway online with their metrics, DC and LWT take it offline. */
    void lifecycle(GatewayId gateway, LifecycleEvent event, DecodedPayload payload, Instant receivedAt);
}
