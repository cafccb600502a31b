package io.outpost.itests.ota;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh copy of the assembled gateway (distribution/gateway), started as the user starts it ({@code bin/outpost-gateway})
 * in a process of its own, stopped with SIGTERM or killed with SIGKILL. Its etc/ is changed only where the test needs:
 * the broker (the test's Mosquitto), JSON replies, the client id, the OTA trusted key and deadlines.
 */
final class GatewayProcess implements AutoCloseable {

    static final String CLIENT_ID = "gw-ota";

    private final Path home;
    private Process process;
    private int starts;

    GatewayProcess(Path home, int mqttPort, String trustedKey) throws IOException {
        this.home = home;
        Path assembled = Path.of(System.getProperty("outpost.gateway.assembled", "../distribution/gateway/target/outpost-gateway"));
        if (!Files.exists(assembled.resolve("bin/outpost-gateway"))) {
            throw new AssertionError("no assembled gateway in " + assembled + ": run mvn -B install -DskipTests first");
        }
        deleteTree(home);
        copyTree(assembled, home);
        home.resolve("bin/outpost-gateway").toFile().setExecutable(true);
        Files.deleteIfExists(home.resolve("etc/io.outpost.broker.local.cfg"));  // the test's Mosquitto is the broker
        setKey("io.outpost.link.mqtt.cfg", "brokerUrl", "tcp://127.0.0.1:" + mqttPort);
        setKey("io.outpost.link.mqtt.cfg", "clientId", CLIENT_ID);
        setKey("io.outpost.profile.kura.cfg", "encoding", "json");
        setKey("io.outpost.ota.cfg", "trustedKeys", trustedKey);
        setKey("io.outpost.ota.cfg", "healthDeadlineSeconds", "8");
        setKey("io.outpost.ota.cfg", "retryDelayMillis", "200");
        setKey("io.outpost.ota.cfg", "readTimeoutMillis", "3000");
    }

    Path home() {
        return home;
    }

    void setKey(String cfg, String key, String value) throws IOException {
        Path file = home.resolve("etc").resolve(cfg);
        List<String> lines = new ArrayList<>(Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of());
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*[=:].*")) {
                lines.set(i, key + "=" + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + "=" + value);
        }
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
    }

    void start() throws IOException {
        starts++;
        ProcessBuilder builder = new ProcessBuilder("sh", home.resolve("bin/outpost-gateway").toString())
            .directory(home.toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        process = builder.start();
    }

    /** The OTA journal as the gateway last wrote it (read from outside, as an operator would). */
    Optional<Properties> journal() {
        Path file = home.resolve("data/ota/journal.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** SIGKILL: no shutdown hook, no deactivation, like a power cut for the JVM (not for the disk). */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(home.resolve("console.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith("cache") || rel.toString().startsWith("data")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
