package io.outpost.hq.notify.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** testing/smtp-sink/smtp_sink.py (Debian python3-aiosmtpd) as a child process: a real SMTP server. */
final class SmtpSink implements AutoCloseable {

    final int port;
    final Path mail;
    private final Process process;

    SmtpSink(Path dir, boolean starttls, String user, String password) throws IOException {
        Path script = Path.of("../../testing/smtp-sink/smtp_sink.py").toAbsolutePath().normalize();
        if (!Files.exists(Path.of("/usr/lib/python3/dist-packages/aiosmtpd"))) {
            throw new IllegalStateException("the SMTP test server needs the Debian package python3-aiosmtpd");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        mail = dir.resolve("mail");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), "--port", Integer.toString(port), "--dir", mail.toString()));
        if (starttls) {
            command.add("--starttls");
        }
        if (user != null) {
            command.addAll(List.of("--user", user, "--password", password));
        }
        process = new ProcessBuilder(command).redirectError(dir.resolve("sink.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            throw new IllegalStateException("the SMTP test server did not start: " + Files.readString(dir.resolve("sink.log")));
        }
    }

    List<String> messages() throws IOException {
        if (!Files.isDirectory(mail)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(mail)) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
