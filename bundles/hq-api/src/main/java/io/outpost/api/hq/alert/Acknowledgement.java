package io.outpost.api.hq.alert;

/** What {@link AlertService#acknowledge} did. */
public enum Acknowledgement {
    /** The alert is now acknowledged: no escalation. */
    ACKNOWLEDGED,
    /** Someone had acknowledged it before; nothing changed. */
    ALREADY_ACKNOWLEDGED,
    /** No alert has that id. */
    UNKNOWN_ALERT,
    /** The alert had resolved before anyone acknowledged it; nothing changed (since 1.1). */
    ALREADY_RESOLVED
}
