package io.outpost.api.hq.alert;

import java.util.List;

/**
 * One message to one contact. {@code kind} is {@code firing}, {@code resolved}, {@code escalation} or
 * {@code digest} (several of the others to the same contact, grouped); {@code alertIds} are the alerts it is
 * about; {@code ackLink} is a signed acknowledgement URL, empty when HQ has no public URL configured.
 * {@code key} identifies the notification across retries and instances (a webhook receiver can de-duplicate by it).
 */
public record Notification(String key, String kind, String rule, List<Long> alertIds, String to, String subject,
        String body, String ackLink) {

    public Notification {
        alertIds = List.copyOf(alertIds);
    }
}
