package io.outpost.api.upstream;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Takes messages for HQ. {@link #send} never blocks on the network or the disk: it returns at once, and the
 * stage completes when the implementation knows what became of the message.
 */
@ProviderType
public interface Upstream {

    /**
     * Hands over a message for delivery. Returns without waiting; messages sent close together (one poll's)
     * share one durable commit.
     *
     * @return completes normally, never exceptionally, with {@link Acknowledgement.Outcome#DURABLE} once the
     *         message is stored durably, {@link Acknowledgement.Outcome#REFUSED} with a reason when it was not
     *         taken, or {@link Acknowledgement.Outcome#DROPPED} when it was taken and then dropped as the
     *         oldest telemetry before it became durable
     */
    CompletionStage<Acknowledgement> send(UpstreamMessage message);
}
