package io.outpost.itests.ota;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A real Mosquitto (Debian package mosquitto) on a free loopback port; the test fails, not skips, without it. */
final class Mosquitto implements AutoCloseable {

    static final String BINARY = "/usr/sbin/mosquitto";
    private final Path dir;
    private final int port;
    private Process process;

    Mosquitto(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError(BINARY + " is missing: install the Debian package mosquitto (.ci/run does)");
        }
        Files.createDirectories(dir);
        this.dir = dir;
        port = GatewayProcess.freePort();
        Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Files.deleteIfExists(dir.resolve("mosquitto.log"));  // start() appends, so that a restart keeps the log of the first run
        start();
    }

    /** Starts the broker again on the same port after {@link #close()} (it keeps no sessions: persistence false). */
    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY, "-c", dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!accepts(port)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("mosquitto did not listen on " + port);
            }
            Thread.sleep(50);
        }
    }

    int port() {
        return port;
    }

    /**
     * How often a client with this id has connected, read from the broker's log. A marker client connects first and
     * the count is taken once the log shows it, so the log is known to be current (else this fails, it does not guess).
     */
    long connections(String clientId) throws Exception {
        String marker = "mark-" + System.nanoTime();
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, marker, new MemoryPersistence());
        client.connect();
        client.disconnect();
        client.close();
        Path log = dir.resolve("mosquitto.log");
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.stream().anyMatch(l -> l.contains(" as " + marker + " "))) {
                return lines.stream().filter(l -> l.contains("New client connected") && l.contains(" as " + clientId + " ")).count();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the broker's log does not show the marker connection " + marker + " within 10 s");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
