package io.outpost.api.outbox;

import org.osgi.annotation.versioning.ProviderType;

/** Registered by the outbox: how much waits, how old it is, what was dropped or refused, and how each link is doing. */
@ProviderType
public interface OutboxStatistics {

    /** A consistent picture of the outbox now. */
    OutboxSnapshot snapshot();
}
