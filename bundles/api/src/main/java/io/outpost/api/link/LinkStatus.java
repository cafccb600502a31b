package io.outpost.api.link;

import java.util.Objects;

/**
 * What a link says about itself, for operators: its state, how many deliveries await the far end's
 * confirmation, and how often it had to connect again.
 *
 * @param state      up or down now
 * @param inFlight   deliveries sent and not yet confirmed (as the link counts them)
 * @param reconnects successful reconnects since the link started
 */
public record LinkStatus(LinkState state, int inFlight, long reconnects) {

    public LinkStatus {
        Objects.requireNonNull(state, "state");
    }
}
