package io.outpost.hq.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One alert rule: a condition, who is told through which notifier, optional escalation, the digest window (after a
 * notification to a contact, that contact's further notifications of this rule wait until the window has passed
 * and then go out together as one digest) and the subject and message templates ({@link Template}).
 */
record Rule(String name, Condition condition, List<Contact> contacts, Optional<Escalation> escalation, Duration digest,
        String subjectTemplate, String messageTemplate, String json) {

    Rule {
        contacts = List.copyOf(contacts);
    }
}
