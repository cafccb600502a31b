package io.outpost.api.hq.alert;

/** What {@link AlertService#checkAckLink} found of a signed acknowledgement link (since 1.1). */
public enum AckLinkCheck {
    /** HQ signed this link for this alert and it has not expired. */
    GENUINE,
    /** The signature does not match the alert id and expiry: not a link HQ made (or HQ's secret changed). */
    FORGED,
    /** A genuine link whose expiry has passed. */
    EXPIRED
}
