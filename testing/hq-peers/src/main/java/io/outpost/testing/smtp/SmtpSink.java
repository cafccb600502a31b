package io.outpost.testing.smtp;

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
public final class SmtpSink implements AutoCloseable {

    private final int port;
    private final Path mail;
    private final Process process;

    public SmtpSink(Path dir) throws IOException {
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
    public List<String> messages() {
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

    /** Subject line to the time the server accepted that mail (epoch ms, from the file name). */
    public java.util.Map<String, Long> acceptedBySubject() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        if (!Files.isDirectory(mail)) {
            return out;
        }
        try (Stream<Path> files = Files.list(mail)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                String name = p.getFileName().toString();
                long accepted = Long.parseLong(name.substring(0, name.indexOf('-')));
                for (String line : Files.readString(p, StandardCharsets.UTF_8).split("\r\n")) {
                    if (line.startsWith("Subject: ")) {
                        out.put(line.substring(9), accepted);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The port it listens on, 127.0.0.1. */
    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
