package io.outpost.hq.alerts;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.outpost.api.hq.alert.Notifier;
import io.outpost.hq.notify.mail.BenchMail;
import io.outpost.hq.store.BenchDatabase;

/**
 * Alarm stored by ingest → e-mail accepted by a real SMTP server (testing/smtp-sink/smtp_sink.py, Debian
 * python3-aiosmtpd, STARTTLS and AUTH), through the real alert engine on its timers and the real mail notifier.
 * Prints p50/p99/max; asserts nothing. Arguments: [alarms (default 200)] [JDBC URL (default an H2 file in a temp
 * folder; jdbc:postgresql://... for PostgreSQL)]. The MQTT hop adds ~10 ms here (AlertsIT measures it end to end).
 */
public final class AlarmToMailBench {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path dir = Files.createTempDirectory("hq-alerts-bench");
        String url = args.length > 1 ? args[1] : "jdbc:h2:" + dir.resolve("hq").toAbsolutePath();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = Path.of("testing/smtp-sink/smtp_sink.py").toAbsolutePath();
        Path mail = dir.resolve("mail");
        Process sink = new ProcessBuilder("/usr/bin/python3", script.toString(), "--port", Integer.toString(port), "--dir", mail.toString(),
                "--starttls", "--user", "hq", "--password", "bench").redirectError(dir.resolve("sink.log").toFile()).start();
        try {
            String ready = new BufferedReader(new InputStreamReader(sink.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (ready == null || !ready.startsWith("ready")) {
                throw new IllegalStateException("SMTP sink did not start (needs python3-aiosmtpd; run from the project root)");
            }
            DataSource db = BenchDatabase.open(url);
            Path rules = Files.createDirectories(dir.resolve("rules"));
            Files.writeString(rules.resolve("bench.json"), "{\"name\": \"bench\", \"condition\": {\"type\": \"alarm\"},"
                    + " \"notify\": [{\"notifier\": \"mail\", \"to\": \"ops@example.org\"}], \"subject\": \"[{state}] {subject}\"}");
            AlertSettings settings = new AlertSettings(rules, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(200), "bench",
                    "", "", Duration.ofDays(7), Duration.ofSeconds(5), 3, Duration.ofSeconds(60));
            AlertEngine engine = new AlertEngine(settings, db, Clock.systemUTC(), true);
            Notifier notifier = BenchMail.starttls(port, "hq", "bench");
            engine.addNotifier(notifier, Map.of(Notifier.NAME, "mail"));
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long stored = System.currentTimeMillis();
                try (Connection c = db.getConnection()) {
                    long id = Sql.insert(c, "INSERT INTO message (account, client_id, device, message_class, epoch, msgid, sent_at, received_at)"
                            + " VALUES ('bench', 'gw', 'dev', 'alarm', 0, NULL, ?, ?)", stored, stored);
                    Sql.update(c, "INSERT INTO alarm (message_id, account, client_id, device, channel, alarm_state, ts) VALUES (?, 'bench', 'gw', 'dev', ?, 'raised', ?)",
                            id, "ch" + i, stored);
                }
                long accepted = awaitMail(mail, i + 1);
                latencies.add(accepted - stored);
                Thread.sleep(20);
            }
            engine.stop();
            Collections.sort(latencies);
            System.out.printf("alarm stored -> mail accepted (SMTP STARTTLS+AUTH), %d alarms, %s: p50 %d ms, p99 %d ms, max %d ms%n", n,
                    url.startsWith("jdbc:h2") ? "H2" : "PostgreSQL", latencies.get(n / 2), latencies.get((int) Math.ceil(n * 0.99) - 1), latencies.get(n - 1));
            System.exit(0);
        } finally {
            sink.destroy();
        }
    }

    private static long awaitMail(Path mail, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(mail)) {
                try (Stream<Path> files = Files.list(mail)) {
                    List<String> names = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".eml")).toList();
                    if (names.size() >= count) {
                        return names.stream().filter(f -> f.endsWith("-" + count + ".eml")).map(f -> Long.parseLong(f.substring(0, f.indexOf('-'))))
                                .findFirst().orElseThrow();
                    }
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("mail " + count + " did not arrive in 30 s");
    }
}
