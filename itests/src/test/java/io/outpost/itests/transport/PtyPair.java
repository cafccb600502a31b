package io.outpost.itests.transport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.outpost.itests.support.Await;

/** Two connected pseudo-terminals made by socat: the link opens one end, the simulated modem the other. */
public final class PtyPair implements AutoCloseable {

    private final Path linkEnd;
    private final Path modemEnd;
    private final Process socat;

    private PtyPair(Path linkEnd, Path modemEnd, Process socat) {
        this.linkEnd = linkEnd;
        this.modemEnd = modemEnd;
        this.socat = socat;
    }

    public static PtyPair open() throws IOException {
        if (!new File("/usr/bin/socat").canExecute()) {
            throw new AssertionError("socat is missing (apt-get install -y socat)");
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        Path a = Path.of("/tmp", "outpost-modem-" + id + "-link");
        Path b = Path.of("/tmp", "outpost-modem-" + id + "-modem");
        Process socat = new ProcessBuilder("/usr/bin/socat", "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Await.until(Duration.ofSeconds(10), "socat to create " + a + " and " + b,
            () -> (Files.exists(a) && Files.exists(b)) || !socat.isAlive());
        if (!socat.isAlive()) {
            throw new AssertionError("socat exited with " + socat.exitValue());
        }
        return new PtyPair(a, b, socat);
    }

    public String linkEnd() {
        return linkEnd.toString();
    }

    public String modemEnd() {
        return modemEnd.toString();
    }

    @Override
    public void close() throws Exception {
        socat.destroy();
        if (!socat.waitFor(5, TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(linkEnd);
        Files.deleteIfExists(modemEnd);
    }
}
