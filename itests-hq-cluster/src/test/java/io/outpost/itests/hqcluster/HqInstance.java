package io.outpost.itests.hqcluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One HQ instance: a copy of the assembled distribution (distribution/hq/target/outpost-hq) with its etc/ pointed at
 * the external PostgreSQL, Mosquitto (shared group) and SMTP server, run as its own JVM exactly as bin/outpost-hq
 * runs it. {@link #kill} is SIGKILL: no deactivation, no clean disconnect.
 */
final class HqInstance implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final Path home;
    final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    HqInstance(String name, Path work, String databaseUrl, String brokerUri, String sharedGroup, int smtpPort, String rule)
            throws IOException {
        this.name = name;
        this.home = work.resolve(name);
        Path assembled = Path.of(System.getProperty("outpost.hq.assembled", "../distribution/hq/target/outpost-hq"));
        if (!Files.exists(assembled.resolve("conf/config.properties"))) {
            throw new IllegalStateException("no assembled HQ in " + assembled + ": build distribution/hq first");
        }
        delete(home);
        copy(assembled, home);
        Path etc = home.resolve("etc");
        Files.delete(etc.resolve("io.outpost.broker.local.cfg")); // an external broker: no embedded one
        try (Stream<Path> rules = Files.list(etc.resolve("alerts"))) {
            for (Path r : rules.toList()) {
                Files.delete(r);
            }
        }
        Files.writeString(etc.resolve("alerts/it-alarms.json"), rule);
        try (ServerSocket s = new ServerSocket(0)) {
            httpPort = s.getLocalPort();
        }
        Files.writeString(etc.resolve("io.outpost.hq.database.cfg"), "url=" + databaseUrl + "\nuser=hq\npassword=\nmaxPoolSize=8\n");
        Files.writeString(etc.resolve("io.outpost.hq.ingest.cfg"), "brokerUri=" + brokerUri + "\nclientId=" + name + "\nsharedGroup=" + sharedGroup
                + "\nratePerGateway=100000\nrateBurst=100000\nproblemLogSeconds=5\n");
        Files.writeString(etc.resolve("io.outpost.hq.alerts.cfg"), "ruleFolder=etc/alerts\nalarmPollMillis=100\nevaluateMillis=1000\n"
                + "dispatchMillis=100\ninstanceName=" + name + "\nretrySeconds=1\nmaxAttempts=12\nleaseSeconds=10\n");
        Files.writeString(etc.resolve("io.outpost.hq.notify.mail-local.cfg"), "outpost.hq.notifier=mail\nlogFile=\nhost=127.0.0.1\nport=" + smtpPort
                + "\nsecurity=none\nusername=\npassword=\nfrom=" + name + "@example.org\n");
        Files.writeString(etc.resolve("org.apache.felix.http.cfg"), "org.apache.felix.http.enable=true\norg.apache.felix.http.host=127.0.0.1\n"
                + "org.osgi.service.http.port=" + httpPort + "\n");
    }

    void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx384m", "-XX:+UseG1GC", "-Dgosh.args=--nointeractive", "-Doutpost.home=" + home,
                "-jar", "bin/felix.jar", "cache")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile())).start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The admin token this instance wrote, if it was the one that created it. */
    String adminToken() throws IOException {
        Path file = home.resolve("data/hq/admin-token");
        return Files.exists(file) ? Files.readString(file).trim() : null;
    }

    /** GET /api/v1/ingest: this instance's own counters, or null while it does not answer. */
    Map<String, Long> ingestCounters(String token) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/ingest"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            Map<String, Long> out = new HashMap<>();
            JsonNode counters = JSON.readTree(r.body()).path("counters");
            for (Iterator<Map.Entry<String, JsonNode>> it = counters.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asLong());
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    String console() throws IOException {
        Path log = home.resolve("console.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            process.destroy(); // SIGTERM: Felix's shutdown hook stops the bundles
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("cache") || rel.startsWith("data")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
