package io.outpost.itests.ota;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

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
