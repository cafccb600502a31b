package io.outpost.api.hq.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Alerts, rules and silences. Everything here is kept in HQ's database, so every HQ instance on one database
 * answers the same. Bad input throws {@link IllegalArgumentException} with a message naming the field (an
 * {@link InvalidFieldException}, whose {@link InvalidFieldException#field()} names it for programs, since 1.1).
 */
@ProviderType
public interface AlertService {

    /** The newest alerts first; {@code openOnly} keeps the firing ones. At most {@code limit}. */
    List<AlertRecord> alerts(boolean openOnly, int limit);

    /** The newest alerts first that pass the filter, at most {@code limit} (1-10,000). Since 1.1. */
    List<AlertRecord> alerts(AlertFilter filter, int limit);

    /** One alert, or empty when there is none with that id. Since 1.1. */
    Optional<AlertRecord> alert(long alertId);

    /**
     * Stops escalation of a firing alert. {@code by} names who acknowledged (a user, {@code mail-link}). A resolved
     * alert that nobody acknowledged stays so ({@link Acknowledgement#ALREADY_RESOLVED}, since 1.1).
     */
    Acknowledgement acknowledge(long alertId, String by);

    /**
     * The acknowledgement of a signed e-mail link without an expiry ({@code ?alert=<id>&sig=<signature>}), the form
     * of 1.0: when the signature matches the alert id, as {@link #acknowledge} by {@code mail-link}; otherwise
     * {@link Acknowledgement#UNKNOWN_ALERT}, whether or not the alert exists.
     *
     * @deprecated links carry an expiry since 1.1; use {@link #acknowledgeByLink(long, long, String)}
     */
    @Deprecated
    Acknowledgement acknowledgeByLink(long alertId, String signature);

    /**
     * Whether {@code ?alert=<id>&exp=<expires>&sig=<signature>} is a link HQ signed (docs/hq.md) and {@code expires}
     * (epoch seconds) has not passed. Changes nothing. Since 1.1.
     */
    AckLinkCheck checkAckLink(long alertId, long expires, String signature);

    /**
     * The acknowledgement of a signed e-mail link: when {@link #checkAckLink} finds it {@link AckLinkCheck#GENUINE},
     * as {@link #acknowledge} by {@code mail-link}; otherwise {@link Acknowledgement#UNKNOWN_ALERT}, whether or not
     * the alert exists. Since 1.1.
     */
    Acknowledgement acknowledgeByLink(long alertId, long expires, String signature);

    /** Rules from files and from this API, by name. */
    List<RuleRecord> rules();

    /** Adds or replaces a rule given as JSON; refused when invalid or when a rule file has that name. */
    RuleRecord putRule(String json);

    /** Removes a rule added through this API; false when there is none of that name. */
    boolean removeRule(String name);

    SilenceRecord silence(String rule, String subjectPrefix, Instant from, Instant until, String reason, String createdBy);

    /** Silences that have not ended. */
    List<SilenceRecord> silences();

    /** Ends a silence now; false when there is none with that id. */
    boolean endSilence(long id);

    /** Notification counters by outcome: {@code sent}, {@code failed} (attempts), {@code pending}, {@code silenced}. */
    Map<String, Long> notificationCounts();
}
