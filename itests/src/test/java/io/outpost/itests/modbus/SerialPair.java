package io.outpost.itests.modbus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.outpost.itests.support.Await;

/** Two connected pseudo-terminals made by socat, reachable through symbolic links unique to this run. */
final class SerialPair implements AutoCloseable {

    private final Path a;
    private final Path b;
    private final Process socat;

    private SerialPair(Path a, Path b, Process socat) {
        this.a = a;
        this.b = b;
        this.socat = socat;
    }

    static SerialPair open() throws IOException {
        if (!new File("/usr/bin/socat").canExecute()) {
            throw new AssertionError("socat is missing (apt-get install -y socat)");
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path a = Path.of("/tmp", "outpost-modbus-" + id + "-a");
        Path b = Path.of("/tmp", "outpost-modbus-" + id + "-b");
        Process socat = new ProcessBuilder("/usr/bin/socat", "-d", "-d",
            "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Await.until(Duration.ofSeconds(10), "socat to create " + a + " and " + b,
            () -> (Files.exists(a) && Files.exists(b)) || !socat.isAlive());
        if (!socat.isAlive()) {
            throw new AssertionError("socat exited with " + socat.exitValue());
        }
        return new SerialPair(a, b, socat);
    }

    /** The end the driver opens. */
    String driverEnd() {
        return a.toString();
    }

    /** The end the slave opens. */
    String slaveEnd() {
        return b.toString();
    }

    @Override
    public void close() throws Exception {
        socat.destroy();
        if (!socat.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(a);
        Files.deleteIfExists(b);
    }
}
