package io.outpost.itests.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Mosquitto broker (Debian's package) on a free loopback port, started and stopped by the test. Fails
 * with a clear message when mosquitto is not installed: CI installs it, a test must not silently skip.
 */
public final class Mosquitto implements AutoCloseable {

    private static final List<String> LOCATIONS = List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto");

    private final Path config;
    private final int port;
    private Process process;

    private Mosquitto(int port, String extraConfig) throws IOException {
        this.port = port;
        this.config = Files.createTempFile("mosquitto-", ".conf");
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\n" + extraConfig + "\n");
    }

    /** Starts a plain TCP broker on a free port. */
    public static Mosquitto start() throws IOException {
        return start(FreePort.pick(), "");
    }

    /**
     * Starts a plain TCP broker on a free port with extra configuration lines, e.g. {@code "message_size_limit 1000"}
     * or {@code "max_packet_size 1000"} (mosquitto.conf(5)).
     */
    public static Mosquitto startWith(String... configLines) throws IOException {
        return start(FreePort.pick(), String.join("\n", configLines));
    }

    /** Starts a broker on the given port with extra configuration lines (e.g. TLS settings). */
    public static Mosquitto start(int port, String extraConfig) throws IOException {
        Mosquitto broker = new Mosquitto(port, extraConfig);
        broker.restart();
        return broker;
    }

    public static String binary() {
        return LOCATIONS.stream().filter(p -> new File(p).canExecute()).findFirst().orElseThrow(() -> new AssertionError(
            "mosquitto is not installed (apt-get install -y mosquitto); the integration tests need a real broker"));
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts (again) after {@link #stop()}, on the same port. */
    public void restart() throws IOException {
        process = new ProcessBuilder(binary(), "-c", config.toString()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Await.until(Duration.ofSeconds(10), "mosquitto to listen on " + port, () -> FreePort.accepts(port));
    }

    /** Kills the broker (SIGKILL), as an outage would. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        Files.deleteIfExists(config);
    }
}
