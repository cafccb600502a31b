package io.outpost.itests.webconsole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A real Mosquitto (Debian package mosquitto) on a free port of 127.0.0.1, for the gateway's wired link. */
final class Mosquitto implements AutoCloseable {

    static final String BINARY = "/usr/sbin/mosquitto";
    final int port;
    private final Process process;

    private Mosquitto(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static Mosquitto start(Path workDir) throws IOException {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new AssertionError(BINARY + " is missing: apt-get install mosquitto");
        }
        int port = RunningGateway.freePort();
        Files.createDirectories(workDir);
        Path conf = workDir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process p = new ProcessBuilder(BINARY, "-c", conf.toString()).redirectErrorStream(true)
            .redirectOutput(workDir.resolve("mosquitto.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!RunningGateway.accepts(port)) {
            if (!p.isAlive() || Instant.now().isAfter(deadline)) {
                p.destroyForcibly();
                throw new AssertionError("mosquitto did not listen on " + port + ": " + Files.readString(workDir.resolve("mosquitto.log")));
            }
            RunningGateway.sleep(100);
        }
        return new Mosquitto(port, p);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
