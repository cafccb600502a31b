package io.outpost.bench.hqfleet;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HQ under test: a copy of the assembled distribution run as its own JVM, as bin/outpost-hq runs it, with its
 * embedded broker (Moquette) on a free port or pointed at an external one, and H2 or PostgreSQL. Reads its ingest
 * counters over the REST API and its resident memory from /proc.
 */
final class BenchHq implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final int mqttPort;
    final int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private String token;

    /** externalBroker null: the embedded broker; else its tcp:// URI with sharedGroup and consumers. */
    BenchHq(Path home, String databaseUrl, String externalBroker, int consumers, int smtpPort) throws IOException {
        this.home = home;
        Path assembled = Path.of(System.getProperty("outpost.hq.assembled", "distribution/hq/target/outpost-hq"));
        if (!Files.exists(assembled.resolve("conf/config.properties"))) {
            throw new IllegalStateException("no assembled HQ in " + assembled + ": mvn -B install -DskipTests -pl distribution/hq -am first");
        }
        delete(home);
        copy(assembled, home);
        Path etc = home.resolve("etc");
        mqttPort = freePort();
        httpPort = freePort();
        String brokerUri = externalBroker == null ? "tcp://127.0.0.1:" + mqttPort : externalBroker;
        if (externalBroker == null) {
            Files.writeString(etc.resolve("io.outpost.broker.local.cfg"), "host=127.0.0.1\nport=" + mqttPort
                    + "\nallowAnonymous=true\nmaxMessageBytes=262144\n");
        } else {
            Files.delete(etc.resolve("io.outpost.broker.local.cfg"));
        }
        Files.writeString(etc.resolve("io.outpost.hq.database.cfg"), "url=" + databaseUrl + "\nuser=hq\npassword=\nmaxPoolSize=8\n");
        Files.writeString(etc.resolve("io.outpost.hq.ingest.cfg"), "brokerUri=" + brokerUri + "\nclientId=hq-bench\n"
                + (externalBroker == null ? "" : "sharedGroup=hq-bench\nconsumers=" + consumers + "\n")
                + "ratePerGateway=200\nrateBurst=2000\nbatchSize=500\n");
        try (Stream<Path> rules = Files.list(etc.resolve("alerts"))) {
            for (Path r : rules.toList()) {
                Files.delete(r);
            }
        }
        Files.writeString(etc.resolve("alerts/bench.json"), "{\"name\": \"bench\", \"condition\": {\"type\": \"alarm\", \"device\": \"alarms\"},"
                + " \"notify\": [{\"notifier\": \"mail\", \"to\": \"ops@example.org\"}], \"subject\": \"[{state}] {channel} {gateway}\"}\n");
        Files.writeString(etc.resolve("io.outpost.hq.notify.mail-local.cfg"), "outpost.hq.notifier=mail\nlogFile=\nhost=127.0.0.1\nport=" + smtpPort
                + "\nsecurity=none\nusername=\npassword=\nfrom=hq@example.org\n");
        Files.writeString(etc.resolve("org.apache.felix.http.cfg"), "org.apache.felix.http.enable=true\norg.apache.felix.http.host=127.0.0.1\n"
                + "org.osgi.service.http.port=" + httpPort + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // bin/outpost-hq's JVM options, with the larger heap docs/hq.md advises for a large fleet
        process = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseG1GC", "-Dgosh.args=--nointeractive", "-Doutpost.home=" + home,
                "-jar", "bin/felix.jar", "cache").directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile()).start();
    }

    /** Waits until ingest answers over the REST API (the admin token written, the broker up). */
    void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path tokenFile = home.resolve("data/hq/admin-token");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("HQ exited; see " + home.resolve("console.log"));
            }
            if (token == null && Files.exists(tokenFile)) {
                token = Files.readString(tokenFile).trim();
            }
            if (token != null && stored() >= 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("HQ did not get ready in " + timeout.toSeconds() + " s; see " + home.resolve("console.log"));
    }

    /** The ingest counter {@code stored}, or -1 while HQ does not answer. */
    long stored() {
        return counter("stored");
    }

    long counter(String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/ingest"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return -1;
            }
            JsonNode counters = JSON.readTree(r.body()).path("counters");
            return counters.path(name).asLong(0);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String counters() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/ingest"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    /** Resident set size of the HQ process in MB, from /proc/<pid>/status. */
    long rssMegabytes() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            // gone
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
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

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
