package io.outpost.itests.hqcluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker (Debian package mosquitto) on a free loopback port. {@code max_queued_messages 0} (no
 * limit): a killed HQ instance's persistent session keeps its share of the shared subscription queued until it is
 * back, and Mosquitto's default of 1000 would drop the rest (docs/hq.md, "Several instances").
 */
final class Mosquitto implements AutoCloseable {

    static final String BINARY = "/usr/sbin/mosquitto";

    final int port;
    final Path log;
    private final Process process;

    Mosquitto(Path workDir, int maxInflight) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError(BINARY + " is missing: install the Debian package mosquitto (.ci/run does)");
        }
        Files.createDirectories(workDir);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = workDir.resolve("mosquitto.conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_queued_messages 0\nmax_inflight_messages " + maxInflight + "\n");
        log = workDir.resolve("mosquitto.log");
        process = new ProcessBuilder(BINARY, "-c", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!accepts(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("mosquitto did not listen on " + port + "; see " + log);
            }
            Thread.sleep(50);
        }
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
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
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
