package io.outpost.hq.notify.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Date;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.Notifier;
import io.outpost.api.hq.alert.NotifyException;

/**
 * One SMTP account per factory configuration ({@code io.outpost.hq.notify.mail~<label>.cfg}). The text body is
 * handed to Angus Mail as a data source, not as a String, so no MIME type registry (activation's mailcap lookup,
 * which OSGi class loaders hide) is needed; the mail bundle's own loader is the context loader while it works, for
 * its provider lookup. Each send opens and closes its own connection: notifications are rare and a kept-open
 * connection that the server dropped would only add a failure.
 */
@Component(configurationPid = "io.outpost.hq.notify.mail", configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = Notifier.NAME + "=mail")
@Designate(ocd = MailConfig.class, factory = true)
public final class MailNotifier implements Notifier {

    private final MailSettings settings;
    private final Session session;

    @Activate
    public MailNotifier(MailConfig config) {
        this(MailSettings.of(config));
    }

    MailNotifier(MailSettings settings) {
        this.settings = settings;
        Properties p = new Properties();
        String protocol = settings.security().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", settings.host());
        p.put("mail." + protocol + ".port", Integer.toString(settings.port()));
        p.put("mail." + protocol + ".connectiontimeout", Integer.toString(settings.timeoutMillis()));
        p.put("mail." + protocol + ".timeout", Integer.toString(settings.timeoutMillis()));
        p.put("mail." + protocol + ".writetimeout", Integer.toString(settings.timeoutMillis()));
        p.put("mail." + protocol + ".auth", Boolean.toString(!settings.username().isEmpty()));
        if (settings.security().equals("starttls")) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (!settings.security().equals("none")) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", Boolean.toString(settings.trustHosts().isEmpty()));
            if (!settings.trustHosts().isEmpty()) {
                p.put("mail." + protocol + ".ssl.trust", settings.trustHosts());
            }
        }
        this.session = withMailLoader(() -> Session.getInstance(p));
    }

    @Override
    public void send(Notification notification) throws NotifyException {
        try {
            // the log sink is read by people in a text editor: its bodies are written as they are (8bit), so that a
            // long acknowledgement link is not broken into quoted-printable lines
            MimeMessage message = message(notification, settings.logFile().isPresent() ? "8bit" : "quoted-printable");
            if (settings.logFile().isPresent()) {
                append(settings.logFile().get(), message);
                return;
            }
            MessagingException failure = withMailLoader(() -> {
                try (Transport transport = session.getTransport()) {
                    transport.connect(settings.host(), settings.port(), settings.username().isEmpty() ? null : settings.username(),
                            settings.username().isEmpty() ? null : settings.password());
                    transport.sendMessage(message, message.getAllRecipients());
                    return null;
                } catch (MessagingException e) {
                    return e;
                }
            });
            if (failure != null) {
                throw new NotifyException("SMTP " + settings.host() + ":" + settings.port() + ": " + describe(failure), failure);
            }
        } catch (AddressException e) {
            throw new NotifyException("'" + notification.to() + "' is not an e-mail address: " + e.getMessage(), e);
        } catch (MessagingException | IOException e) {
            throw new NotifyException("mail " + notification.key() + ": " + describe(e), e);
        }
    }

    MimeMessage message(Notification n, String transferEncoding) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(settings.from());
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(n.to(), true));
        m.setSubject(n.subject(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Outpost-Notification", n.key());
        String body = n.body().endsWith("\n") ? n.body() : n.body() + "\n";
        m.setDataHandler(new DataHandler(new ByteArrayDataSource(body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8")));
        m.setHeader("Content-Transfer-Encoding", transferEncoding);
        m.saveChanges();
        return m;
    }

    private static synchronized void append(Path file, MimeMessage message) throws IOException, MessagingException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(("From outpost-hq " + new Date() + "\n").getBytes(StandardCharsets.US_ASCII));
            message.writeTo(out);
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String describe(Exception e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && s.length() < 600; cause = cause.getCause()) {
            s.append("; ").append(cause);
        }
        return s.toString();
    }

    private interface Work<T> {
        T run();
    }

    private static <T> T withMailLoader(Work<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Session.class.getClassLoader());
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
