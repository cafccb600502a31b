package io.outpost.hq.notify.mail;

import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import io.outpost.api.hq.alert.Notifier;

/** The real mail notifier with STARTTLS and AUTH against the bench's SMTP server. */
public final class BenchMail {

    private BenchMail() {
    }

    public static Notifier starttls(int port, String user, String password) throws AddressException {
        return new MailNotifier(new MailSettings("mail", "127.0.0.1", port, "starttls", user, password, new InternetAddress("hq@example.org"),
                "*", 10000, Optional.empty()));
    }
}
