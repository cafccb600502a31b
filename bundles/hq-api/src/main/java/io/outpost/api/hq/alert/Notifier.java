package io.outpost.api.hq.alert;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers one notification through one channel (e-mail, webhook, SMS). Registered as a service with the property
 * {@link #NAME}; a rule names the notifier by that value. {@link #send} is called from the alert engine's dispatch
 * thread of that notifier only, so a slow notifier does not hold up the others.
 */
@ConsumerType
public interface Notifier {

    /** Service property: the name rules use, e.g. {@code mail}, {@code webhook}, {@code sms}. */
    String NAME = "outpost.hq.notifier";

    /**
     * Delivers or throws. Returning means the peer accepted the notification (the SMTP server took the mail, the
     * webhook answered 2xx); the engine then never sends it again.
     *
     * @throws NotifyException when it was not accepted; the engine retries with back-off and counts the failure
     */
    void send(Notification notification) throws NotifyException;
}
