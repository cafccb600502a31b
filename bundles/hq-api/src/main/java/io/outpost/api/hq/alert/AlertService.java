package io.outpost.api.hq.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Alerts, rules and silences. Everything here is kept in HQ's database, so every HQ instance on one database
 * answers the same. Bad input throws {@link IllegalArgumentException} with a message naming the field.
 */
@ProviderType
public interface AlertService {

    /** The newest alerts first; {@code openOnly} keeps the firing ones. At most {@code limit}. */
    List<AlertRecord> alerts(boolean openOnly, int limit);

    /** Stops escalation of the alert. {@code by} names who acknowledged (a user, {@code mail-link}). */
    Acknowledgement acknowledge(long alertId, String by);

    /**
     * The acknowledgement of a signed e-mail link ({@code ?alert=<id>&sig=<signature>}, see docs/hq.md): when the
     * signature matches the alert id, as {@link #acknowledge} by {@code mail-link}; otherwise
     * {@link Acknowledgement#UNKNOWN_ALERT}, whether or not the alert exists.
     */
    Acknowledgement acknowledgeByLink(long alertId, String signature);

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
