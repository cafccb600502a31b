package io.outpost.modem.at;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AT command session on one {@link SerialLine}. A reader thread of its own frames the modem's bytes; callers
 * send one command at a time ({@link #command}, {@link #exchange}, {@link #binaryCommand}) and get an
 * {@link AtResponse} within their timeout whatever the modem does. URC listeners run on the reader thread, after
 * the session's lock is released: they must not send commands themselves (hand the work to the link's thread).
 */
public final class AtSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AtSession.class);
    private static final byte CTRL_Z = 0x1A;
    private static final byte ESC = 0x1B;

    private final SerialLine line;
    private final String name;
    private final LineFramer framer;
    private final ReentrantLock commandLock = new ReentrantLock();
    private final Map<String, List<Consumer<String>>> urcListeners = new ConcurrentHashMap<>();
    private final List<String> urcQueue = new ArrayList<>();
    private final Thread reader;
    private volatile boolean closed;
    private PendingCommand pending;
    private long unsolicitedUnknown;

    /** Starts the reader thread {@code outpost-at-<name>}. */
    public AtSession(SerialLine line, String name) {
        this.line = line;
        this.name = name;
        this.framer = new LineFramer(this::onLine);
        this.reader = new Thread(this::readLoop, "outpost-at-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Calls {@code listener} with every unsolicited line that starts with {@code prefix}; close the handle to stop. */
    public AutoCloseable onUrc(String prefix, Consumer<String> listener) {
        urcListeners.computeIfAbsent(prefix, p -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> urcListeners.getOrDefault(prefix, List.of()).remove(listener);
    }

    /** Sends {@code command} (without CR) and waits for its final result. */
    public AtResponse command(String command, Duration timeout) {
        return run(new PendingCommand(command, null, false), null, timeout);
    }

    /**
     * A two-stage command: sends {@code command}, waits for {@code stage} ({@code "READY"} for AT+SBDWB,
     * {@link LineFramer#PROMPT} for AT+CMGS), then writes {@code payload} and waits for the final result. When the
     * modem answers a final result instead of the stage, that is the answer and the payload is not written; when
     * the stage does not come in time, an SMS prompt is cancelled with ESC.
     */
    public AtResponse exchange(String command, String stage, byte[] payload, Duration timeout) {
        return run(new PendingCommand(command, stage, false), payload, timeout);
    }

    /** A command whose answer starts with a binary block of a 2-byte length, that many bytes and a 2-byte checksum (AT+SBDRB). */
    public AtResponse binaryCommand(String command, Duration timeout) {
        return run(new PendingCommand(command, null, true), null, timeout);
    }

    /** Text for {@link #exchange} with the SMS prompt: the message followed by Ctrl-Z. */
    public static byte[] smsPayload(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        byte[] p = new byte[t.length + 1];
        System.arraycopy(t, 0, p, 0, t.length);
        p[t.length] = CTRL_Z;
        return p;
    }

    public boolean isOpen() {
        return !closed;
    }

    /** Bytes and over-long lines the framer threw away, and lines that came unasked and matched no listener. */
    public synchronized String garbageReport() {
        return framer.droppedBytes() + " bytes dropped, " + framer.droppedLines() + " over-long lines, "
            + unsolicitedUnknown + " unknown unsolicited lines";
    }

    public synchronized long unknownLines() {
        return unsolicitedUnknown;
    }

    private AtResponse run(PendingCommand command, byte[] payload, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!commandLock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return new AtResponse(AtResponse.Outcome.TIMEOUT, List.of(), "", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AtResponse(AtResponse.Outcome.CLOSED, List.of(), "", null);
        }
        try {
            if (closed) {
                return new AtResponse(AtResponse.Outcome.CLOSED, List.of(), "", null);
            }
            synchronized (this) {
                framer.discardPartial();
                framer.expectPrompt(LineFramer.PROMPT.equals(command.stage));
                pending = command;
            }
            line.write((command.text + "\r").getBytes(StandardCharsets.US_ASCII));
            if (command.stage != null) {
                boolean reached = command.awaitStage(remaining(deadline));
                if (!reached) {
                    if (LineFramer.PROMPT.equals(command.stage) && !command.isDone()) {
                        line.write(new byte[] {ESC});
                    }
                    return finish(command, deadline);
                }
                line.write(payload);
            }
            return finish(command, deadline);
        } catch (IOException e) {
            LOG.debug("modem {}: {}", name, e.getMessage());
            return new AtResponse(AtResponse.Outcome.CLOSED, List.of(), "", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AtResponse(AtResponse.Outcome.CLOSED, List.of(), "", null);
        } finally {
            synchronized (this) {
                pending = null;
                framer.expectPrompt(false);
            }
            commandLock.unlock();
        }
    }

    private AtResponse finish(PendingCommand command, long deadline) throws InterruptedException {
        AtResponse response = command.await(remaining(deadline));
        return response != null ? response : command.timedOut(closed);
    }

    private static long remaining(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private void readLoop() {
        byte[] buffer = new byte[256];
        while (!closed) {
            int n;
            try {
                n = line.read(buffer, 200);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("modem {}: line failed: {}", name, e.getMessage());
                }
                closeQuietly();
                return;
            }
            List<String> urcs;
            synchronized (this) {
                for (int i = 0; i < n; i++) {
                    if (pending != null && pending.wantsBinary()) {
                        pending.binaryByte(buffer[i]);
                    } else {
                        framer.feed(buffer[i]);
                    }
                }
                urcs = new ArrayList<>(urcQueue);
                urcQueue.clear();
            }
            urcs.forEach(this::dispatch);
        }
    }

    /** Called by the framer, under this session's monitor. */
    private void onLine(String text) {
        PendingCommand p = pending;
        if (p != null && p.isEcho(text)) {
            return;
        }
        boolean urc = isUrc(text) && (p == null || p.answerPrefix == null || !text.startsWith(p.answerPrefix));
        if (p != null && !urc) {
            p.line(text);
        } else if (urc) {
            urcQueue.add(text);
        } else {
            unsolicitedUnknown++;
        }
    }

    private boolean isUrc(String text) {
        for (String prefix : urcListeners.keySet()) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void dispatch(String text) {
        urcListeners.forEach((prefix, listeners) -> {
            if (text.startsWith(prefix)) {
                for (Consumer<String> l : listeners) {
                    try {
                        l.accept(text);
                    } catch (RuntimeException e) {
                        LOG.warn("modem {}: URC listener failed on '{}'", name, text, e);
                    }
                }
            }
        });
    }

    private void closeQuietly() {
        closed = true;
        PendingCommand p;
        synchronized (this) {
            p = pending;
        }
        if (p != null) {
            p.fail();
        }
        line.close();
    }

    @Override
    public void close() {
        closeQuietly();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Duration millis(long ms) {
        return Duration.ofMillis(ms);
    }
}
