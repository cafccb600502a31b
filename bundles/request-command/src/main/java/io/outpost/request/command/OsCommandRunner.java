package io.outpost.request.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Starts one allow-listed executable directly ({@link ProcessBuilder}, no shell), with the request's arguments as
 * separate argv entries, a fixed small environment, no input, a working directory from the configuration, and a
 * timeout after which it and its children are killed. stdout and stderr are drained concurrently and kept up to a
 * limit each.
 */
final class OsCommandRunner {

    static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG", "C.UTF-8");

    private final Path workingDirectory;
    private final int maxOutputBytes;

    OsCommandRunner(Path workingDirectory, int maxOutputBytes) {
        this.workingDirectory = workingDirectory;
        this.maxOutputBytes = maxOutputBytes;
    }

    CommandOutcome run(Path executable, List<String> arguments, Duration timeout) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(ENVIRONMENT);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        BoundedOutput out = new BoundedOutput(maxOutputBytes);
        BoundedOutput err = new BoundedOutput(maxOutputBytes);
        Thread outReader = drain(process.getInputStream(), out, "stdout");
        Thread errReader = drain(process.getErrorStream(), err, "stderr");
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        outReader.join(2000);
        errReader.join(2000);
        return new CommandOutcome(out.text(), err.text(), finished ? OptionalInt.of(process.exitValue()) : OptionalInt.empty(), !finished,
            out.truncated() || err.truncated());
    }

    private static Thread drain(InputStream in, BoundedOutput into, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    into.write(buffer, 0, n);
                }
            } catch (IOException closed) {
                // the process was killed
            }
        }, "outpost-cmd-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
