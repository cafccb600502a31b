package io.outpost.itests.modbus;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.outpost.itests.support.Await;
import io.outpost.itests.support.FreePort;

/**
 * A real Modbus slave: Debian's pymodbus running {@code modbus_server.py} (a resource of this test bundle,
 * extracted to a temp file), always with {@code /usr/bin/python3}. Its data layout is described in the script.
 */
final class ModbusSlave implements AutoCloseable {

    static final String PYTHON = "/usr/bin/python3";

    private final List<String> command;
    private final Path script;
    private final Path log;
    private final int tcpPort;
    private Process process;

    private ModbusSlave(List<String> arguments, int tcpPort) throws IOException {
        if (!new File(PYTHON).canExecute()) {
            throw new AssertionError(PYTHON + " is missing (apt-get install -y python3-pymodbus)");
        }
        this.script = Files.createTempFile("outpost-modbus-server-", ".py");
        try (InputStream in = ModbusSlave.class.getResourceAsStream("modbus_server.py")) {
            if (in == null) {
                throw new AssertionError("modbus_server.py is not in the test bundle");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        this.log = Files.createTempFile("outpost-modbus-server-", ".log");
        this.tcpPort = tcpPort;
        List<String> c = new ArrayList<>(List.of(PYTHON, script.toString()));
        c.addAll(arguments);
        this.command = List.copyOf(c);
    }

    /** A slave on a free loopback TCP port, listening when this returns. */
    static ModbusSlave tcp() throws IOException {
        int port = FreePort.pick();
        ModbusSlave slave = new ModbusSlave(List.of("tcp", Integer.toString(port)), port);
        slave.start();
        return slave;
    }

    /** A slave on one end of a serial line (e.g. a pseudo-terminal). */
    static ModbusSlave rtu(String serialPath) throws IOException {
        ModbusSlave slave = new ModbusSlave(List.of("rtu", serialPath), 0);
        slave.start();
        return slave;
    }

    int port() {
        return tcpPort;
    }

    /** Starts the slave (again, after {@link #kill()}). */
    void start() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (tcpPort > 0) {
            Await.until(Duration.ofSeconds(20), "pymodbus to listen on " + tcpPort + " (log: " + log + ")",
                () -> FreePort.accepts(tcpPort) || !process.isAlive());
            if (!process.isAlive()) {
                throw new AssertionError("pymodbus exited: " + log());
            }
        } else {
            // a serial slave gives no sign of readiness; the driver's polls retry until it answers
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!process.isAlive()) {
                throw new AssertionError("pymodbus exited: " + log());
            }
        }
    }

    /** Kills the slave (SIGKILL), as a crash or a power cut would. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    /** Freezes the slave (SIGSTOP): it keeps its port open but answers nothing, like a hung device. */
    void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen slave run again (SIGCONT). */
    void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        // the shell's own kill: Java cannot send SIGSTOP/SIGCONT, and /bin/kill is not on every image
        int exit = new ProcessBuilder("/bin/sh", "-c", "kill " + signal + " " + process.pid()).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " exited with " + exit);
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        kill();
        Files.deleteIfExists(script);
        Files.deleteIfExists(log);
    }
}
