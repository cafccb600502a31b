package io.outpost.itests.hqcluster;

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

/** testing/smtp-sink/smtp_sink.py (Debian python3-aiosmtpd) as a child process: a real SMTP server, plain SMTP here. */
final class SmtpSink implements AutoCloseable {

    final int port;
    final Path mail;
    private final Process process;

    SmtpSink(Path dir) throws IOException {
        Path script = Path.of(System.getProperty("outpost.smtp.sink", "../testing/smtp-sink/smtp_sink.py"));
        if (!Files.exists(Path.of("/usr/lib/python3/dist-packages/aiosmtpd"))) {
            throw new IllegalStateException("the SMTP test server needs the Debian package python3-aiosmtpd");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        mail = dir.resolve("mail");
        process = new ProcessBuilder("/usr/bin/python3", script.toString(), "--port", Integer.toString(port), "--dir", mail.toString())
                .redirectError(dir.resolve("sink.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            throw new IllegalStateException("the SMTP test server did not start: " + Files.readString(dir.resolve("sink.log")));
        }
    }

    /** The accepted mails, oldest first, with folded header lines unfolded. */
    List<String> messages() {
        if (!Files.isDirectory(mail)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(mail)) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.UTF_8).replace("\r\n ", " ").replace("\r\n\t", " "));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
