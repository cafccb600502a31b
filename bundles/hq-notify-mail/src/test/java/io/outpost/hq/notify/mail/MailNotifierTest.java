package io.outpost.hq.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.NotifyException;

class MailNotifierTest {

    @TempDir
    Path dir;

    static final Notification N = new Notification("outpost-hq-7", "firing", "level-alarm", List.of(3L), "ops@example.org",
            "[firing] level on acme/gw-1 – Füllstand", "alarm raised, limit high 90.0, value 93.5\nAcknowledge: https://hq/x", "https://hq/x");

    private MailSettings settings(int port, String security, String user, String password, Optional<Path> log) throws Exception {
        return new MailSettings("mail", "127.0.0.1", port, security, user, password, new InternetAddress("hq@example.org"), "*", 5000, log);
    }

    @Test
    void sendsOverStartTlsWithAuthenticationToARealSmtpServer() throws Exception {
        try (SmtpSink sink = new SmtpSink(dir, true, "hq", "s3cret")) {
            new MailNotifier(settings(sink.port, "starttls", "hq", "s3cret", Optional.empty())).send(N);
            List<String> got = sink.messages();
            assertEquals(1, got.size());
            String m = got.get(0);
            assertTrue(m.contains("X-Sink-TLS: yes") && m.contains("X-Sink-Auth: yes") && m.contains("X-Sink-Rcpt: ops@example.org"), m);
            assertTrue(m.contains("X-Outpost-Notification: outpost-hq-7"), m);
            assertTrue(m.contains("Subject: =?UTF-8?"), "a non-ASCII subject is encoded: " + m);
            assertTrue(m.contains("value 93.5"), m);
        }
    }

    @Test
    void aWrongPasswordOrAServerWithoutStartTlsIsAFailureNotASend() throws Exception {
        try (SmtpSink sink = new SmtpSink(dir, true, "hq", "s3cret")) {
            NotifyException e = assertThrows(NotifyException.class,
                    () -> new MailNotifier(settings(sink.port, "starttls", "hq", "wrong", Optional.empty())).send(N));
            assertTrue(e.getMessage().contains("SMTP 127.0.0.1:" + sink.port), e.getMessage());
            assertEquals(0, sink.messages().size());
        }
        try (SmtpSink plain = new SmtpSink(dir.resolve("p"), false, null, null)) {
            // STARTTLS is required, not opportunistic: a server that does not offer it gets nothing
            assertThrows(NotifyException.class, () -> new MailNotifier(settings(plain.port, "starttls", "", "", Optional.empty())).send(N));
            assertEquals(0, plain.messages().size());
            new MailNotifier(settings(plain.port, "none", "", "", Optional.empty())).send(N);
            assertEquals(1, plain.messages().size());
        }
    }

    @Test
    void noServerIsAFailureNamingIt() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        NotifyException e = assertThrows(NotifyException.class, () -> new MailNotifier(settings(port, "none", "", "", Optional.empty())).send(N));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void theLogSinkAppendsMailsToAFile() throws Exception {
        Path log = dir.resolve("logs/mail.log");
        MailNotifier m = new MailNotifier(settings(1, "none", "", "", Optional.of(log)));
        m.send(N);
        String link = "https://hq.example.org:8470/outpost-hq/ack?alert=12&exp=1780000000&sig=0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
        m.send(new Notification("outpost-hq-8", "firing", "level-alarm", List.of(12L), "ops@example.org", "[firing] level",
                "alarm raised, limit high 90.0, value 93.5 (Füllstand)\nAcknowledge: " + link, link));
        String text = Files.readString(log);
        assertEquals(2, text.split("\nFrom outpost-hq ", -1).length, text);
        assertTrue(text.contains("To: ops@example.org"), text);
        assertTrue(text.contains("\nAcknowledge: " + link + "\n"), "the link in one piece, to copy from the log: " + text);
        assertTrue(text.contains("(Füllstand)"), text);
    }

    @Test
    void refusesBadSettingsNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MailSettings.of(config("ssl", "hq@example.org", "")));
        assertTrue(e.getMessage().contains("'security' ssl"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MailSettings.of(config("none", "hq@example.org", "user")));
        assertTrue(e.getMessage().contains("'username'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MailSettings.of(config("starttls", "not an address@", "")));
        assertTrue(e.getMessage().contains("'from'"), e.getMessage());
    }

    private static MailConfig config(String security, String from, String user) {
        return new MailConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return MailConfig.class; }
            public String outpost_hq_notifier() { return "mail"; }
            public String host() { return "localhost"; }
            public int port() { return 587; }
            public String security() { return security; }
            public String username() { return user; }
            public String password() { return ""; }
            public String from() { return from; }
            public String trustHosts() { return ""; }
            public long timeoutMillis() { return 1000; }
            public String logFile() { return ""; }
        };
    }
}
