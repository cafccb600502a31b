package io.outpost.hq.notify.mail;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** The checked form of {@link MailConfig}; a wrong value is refused naming the field. */
record MailSettings(String name, String host, int port, String security, String username, String password, InternetAddress from,
        String trustHosts, int timeoutMillis, Optional<Path> logFile) {

    static MailSettings of(MailConfig c) {
        String name = c.outpost_hq_notifier();
        String prefix = "hq mail notifier '" + name + "': ";
        if (!c.security().equals("starttls") && !c.security().equals("tls") && !c.security().equals("none")) {
            throw new IllegalArgumentException(prefix + "'security' " + c.security() + " must be starttls, tls or none");
        }
        if (c.port() < 1 || c.port() > 65535) {
            throw new IllegalArgumentException(prefix + "'port' " + c.port() + " is outside 1-65535");
        }
        if (c.timeoutMillis() < 100 || c.timeoutMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(prefix + "'timeoutMillis' " + c.timeoutMillis() + " is outside 100-" + Integer.MAX_VALUE);
        }
        if (c.logFile().isBlank() && c.host().isBlank()) {
            throw new IllegalArgumentException(prefix + "'host' is empty and no 'logFile' is set");
        }
        if (!c.username().isEmpty() && c.security().equals("none")) {
            throw new IllegalArgumentException(prefix + "'username' is set with 'security' none: the password would travel in clear text");
        }
        InternetAddress from;
        try {
            from = new InternetAddress(c.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(prefix + "'from' " + c.from() + " is not an e-mail address: " + e.getMessage());
        }
        return new MailSettings(name, c.host().strip(), c.port(), c.security(), c.username(), c.password(), from, c.trustHosts().strip(),
                (int) c.timeoutMillis(), c.logFile().isBlank() ? Optional.empty() : Optional.of(Path.of(c.logFile().strip())));
    }
}
