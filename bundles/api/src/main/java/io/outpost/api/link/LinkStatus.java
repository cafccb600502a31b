package io.outpost.api.link;

import java.util.Objects;

/**
 * What a link says about itself, for operators: its state, how many deliveries await the far end's
 * confirmation, how often it had to connect again, and its signal quality where it has one.
 *
 * @param state      up, degraded or down now
 * @param inFlight   deliveries sent and not yet confirmed (as the link counts them)
 * @param reconnects successful reconnects since the link started
 * @param signal     signal quality 0-100 (percent of the modem's scale), {@link #NO_SIGNAL} when the link has no
 *                   radio or does not know (since 1.4)
 */
public record LinkStatus(LinkState state, int inFlight, long reconnects, int signal) {

    /** @since 1.4 */
    public static final int NO_SIGNAL = -1;

    public LinkStatus {
        Objects.requireNonNull(state, "state");
        if (signal < NO_SIGNAL || signal > 100) {
            throw new IllegalArgumentException("signal " + signal + " is out of range -1..100");
        }
    }

    /** A status without signal quality (the 1.1 form). */
    public LinkStatus(LinkState state, int inFlight, long reconnects) {
        this(state, inFlight, reconnects, NO_SIGNAL);
    }

    /**
     * A signal on a modem's scale as a percentage: {@code value} of {@code 0..max}; anything outside (an AT+CSQ 99)
     * is {@link #NO_SIGNAL}.
     *
     * @since 1.4
     */
    public static int percent(int value, int max) {
        return value < 0 || value > max || max <= 0 ? NO_SIGNAL : Math.round(value * 100f / max);
    }
}
