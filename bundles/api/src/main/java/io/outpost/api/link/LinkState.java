package io.outpost.api.link;

/** Whether a link can carry messages now. */
public enum LinkState {
    UP, DOWN
}
