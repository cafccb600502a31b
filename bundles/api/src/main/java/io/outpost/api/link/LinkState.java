package io.outpost.api.link;

/**
 * Whether a link can carry messages now. {@link #DEGRADED} (since 1.4) means it carries them but poorly (weak
 * signal, sessions that fail now and then): a router uses it after the links that are {@link #UP}.
 */
public enum LinkState {
    UP, DOWN,
    /** @since 1.4 */
    DEGRADED;

    /** Whether a delivery may be tried: {@link #UP} or {@link #DEGRADED}. @since 1.4 */
    public boolean carries() {
        return this != DOWN;
    }
}
