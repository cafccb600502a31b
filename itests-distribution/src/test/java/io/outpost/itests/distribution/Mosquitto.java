package io.outpost.itests.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A real Mosquitto broker (Debian package mosquitto) on a free loopback port, stopped when the JVM exits. */
final class Mosquitto {

    static final String BINARY = "/usr/sbin/mosquitto";

    private Mosquitto() {
    }

    /** Starts a broker for anonymous clients on 127.0.0.1 and returns its port once it accepts connections. */
    static int start(Path workDir) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError(BINARY + " is missing: install the Debian package mosquitto (.ci/run does)");
        }
        try {
            Files.createDirectories(workDir);
            int port = freePort();
            Path config = workDir.resolve("mosquitto.conf");
            Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
            Process process = new ProcessBuilder(BINARY, "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("mosquitto.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop mosquitto"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!accepts(port)) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("mosquitto did not listen on " + port + "; see " + workDir.resolve("mosquitto.log"));
                }
                Thread.sleep(50);
            }
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting mosquitto", e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
