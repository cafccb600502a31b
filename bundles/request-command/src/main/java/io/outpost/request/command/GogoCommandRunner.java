package io.outpost.request.command;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.threadio.ThreadIO;

/**
 * Runs one allow-listed Gogo command as a function: the command is looked up by its {@code scope:function} name
 * in a fresh session and called with the request's arguments as values, so nothing of the request is ever parsed
 * as Gogo script (no pipes, variables, closures). What the command prints (through Gogo's ThreadIO) and what it
 * returns become stdout; an exception becomes stderr and exit code 1. A command that does not end within the
 * timeout is interrupted and reported as timed out (Gogo cannot kill it; the thread is a daemon).
 */
final class GogoCommandRunner {

    private final CommandProcessor processor;
    private final ThreadIO threadIO;
    private final int maxOutputBytes;

    GogoCommandRunner(CommandProcessor processor, ThreadIO threadIO, int maxOutputBytes) {
        this.processor = processor;
        this.threadIO = threadIO;
        this.maxOutputBytes = maxOutputBytes;
    }

    CommandOutcome run(String command, List<String> arguments, Duration timeout) throws InterruptedException {
        BoundedOutput out = new BoundedOutput(maxOutputBytes);
        BoundedOutput err = new BoundedOutput(maxOutputBytes);
        PrintStream printOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream printErr = new PrintStream(err, true, StandardCharsets.UTF_8);
        FutureTask<Integer> task = new FutureTask<>(() -> {
            try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), printOut, printErr)) {
                Object f = session.get(command);
                if (!(f instanceof Function function)) {
                    printErr.print("no Gogo command " + command + " is installed");
                    return 127;
                }
                threadIO.setStreams(new ByteArrayInputStream(new byte[0]), printOut, printErr);
                try {
                    Object result = function.execute(session, new ArrayList<>(arguments));
                    if (result != null) {
                        printOut.print(session.format(result, Converter.INSPECT));
                    }
                    return 0;
                } catch (Exception e) {
                    printErr.print(e.getMessage() == null ? e.toString() : e.getMessage());
                    return 1;
                } finally {
                    threadIO.close();
                }
            }
        });
        Thread worker = new Thread(task, "outpost-cmd-gogo");
        worker.setDaemon(true);
        worker.start();
        try {
            int exit = task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CommandOutcome(out.text(), err.text(), OptionalInt.of(exit), false, out.truncated() || err.truncated());
        } catch (TimeoutException e) {
            task.cancel(true);
            return new CommandOutcome(out.text(), err.text(), OptionalInt.empty(), true, out.truncated() || err.truncated());
        } catch (ExecutionException e) {
            return new CommandOutcome(out.text(), String.valueOf(e.getCause()), OptionalInt.of(1), false, out.truncated());
        }
    }
}
