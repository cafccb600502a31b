package io.outpost.api.upstream;

import org.osgi.annotation.versioning.ProviderType;

/** Takes messages for HQ. Implementations queue them; {@link #send} never blocks on the network. */
@ProviderType
public interface Upstream {

    /**
     * Accepts a message for delivery.
     *
     * @return true when the message was accepted (queued or stored), false when it was refused
     *         (e.g. a full outbox refusing telemetry); a refusal is counted by the implementation
     */
    boolean send(UpstreamMessage message);
}
