package io.outpost.itests.webconsole;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The assembled gateway (a fresh copy made by the build in target/outpost-gateway), started as a process with
 * bin/outpost-gateway exactly as an operator starts it. The test writes its ports into etc/ first.
 */
final class RunningGateway implements AutoCloseable {

    final Path home;
    final int httpsPort;
    private final Process process;

    private RunningGateway(Path home, int httpsPort, Process process) {
        this.home = home;
        this.httpsPort = httpsPort;
        this.process = process;
    }

    /** Largest package the test's Updates page accepts (etc/io.outpost.webconsole.updates.cfg). */
    static final long MAX_UPLOAD_BYTES = 256 * 1024;
    /** Seconds an installed package has to be healthy (etc/io.outpost.ota.cfg). */
    static final int HEALTH_DEADLINE_SECONDS = 8;

    static RunningGateway start(Path home, int mqttPort, int httpsPort, int localBrokerPort, String trustedKey) throws IOException {
        Path etc = home.resolve("etc");
        replaceKey(etc.resolve("io.outpost.ota.cfg"), "trustedKeys", trustedKey);
        replaceKey(etc.resolve("io.outpost.ota.cfg"), "healthDeadlineSeconds", Integer.toString(HEALTH_DEADLINE_SECONDS));
        Files.writeString(etc.resolve("io.outpost.webconsole.updates.cfg"), "maxUploadBytes=" + MAX_UPLOAD_BYTES + "\n");
        replaceKey(etc.resolve("io.outpost.link.mqtt.cfg"), "brokerUrl", "tcp://127.0.0.1:" + mqttPort);
        replaceKey(etc.resolve("io.outpost.broker.local.cfg"), "port", Integer.toString(localBrokerPort));
        Files.writeString(etc.resolve("io.outpost.webconsole.https.cfg"), "port=" + httpsPort + "\n");
        // a short lock-out, so the test can show the throttle and then log in
        Files.writeString(etc.resolve("io.outpost.webconsole.security.cfg"), "maxFailures=3\nlockoutSeconds=8\n");
        Process p = new ProcessBuilder(home.resolve("bin/outpost-gateway").toString()).directory(home.toFile())
            .redirectErrorStream(true).redirectOutput(home.resolve("gateway.log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        RunningGateway gw = new RunningGateway(home, httpsPort, p);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!(accepts(httpsPort) && Files.exists(gw.passwordFile()))) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                String log = Files.exists(home.resolve("gateway.log")) ? Files.readString(home.resolve("gateway.log")) : "";
                p.destroyForcibly();
                throw new AssertionError("the gateway's console did not come up on " + httpsPort + " within 90 s:\n" + log);
            }
            sleep(250);
        }
        return gw;
    }

    Path passwordFile() {
        return home.resolve("data/webconsole/initial-password");
    }

    String generatedPassword() throws IOException {
        for (String line : Files.readAllLines(passwordFile(), StandardCharsets.UTF_8)) {
            if (line.startsWith("password=")) {
                return line.substring("password=".length());
            }
        }
        throw new AssertionError("no password= line in " + passwordFile());
    }

    String base() {
        return "https://127.0.0.1:" + httpsPort;
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.readString(home.resolve("gateway.log"));
    }

    boolean logContainsNot(String text) throws IOException {
        return !log().contains(text);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void replaceKey(Path cfg, String key, String value) throws IOException {
        StringBuilder out = new StringBuilder();
        boolean found = false;
        for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
            if (line.startsWith(key + "=")) {
                out.append(key).append('=').append(value).append('\n');
                found = true;
            } else {
                out.append(line).append('\n');
            }
        }
        if (!found) {
            out.append(key).append('=').append(value).append('\n');
        }
        Files.writeString(cfg, out.toString());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
