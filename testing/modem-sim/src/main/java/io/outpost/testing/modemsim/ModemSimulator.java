package io.outpost.testing.modemsim;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The common part of a simulated modem: reads command lines ending in CR from a pseudo-terminal, echoes them until
 * {@code ATE0}, answers with V1 verbose results, and can read raw text (SMS until Ctrl-Z) or binary blocks.
 * Faults: {@link #stopAnswering()} (deaf except to its reset command) and {@link #garbage(boolean)}.
 */
public abstract class ModemSimulator implements AutoCloseable {

    private final InputStream in;
    private final OutputStream out;
    private final Thread reader;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private volatile boolean hung;
    private volatile boolean garbage;
    private volatile String resetCommand = "AT+CFUN=1,1";
    private volatile int resets;
    private boolean echo = true;

    protected ModemSimulator(String ptyPath, String name) throws IOException {
        this.in = new FileInputStream(ptyPath);
        this.out = new FileOutputStream(ptyPath);
        makeRaw(ptyPath);
        this.reader = new Thread(this::readLoop, "modem-sim-" + name);
        reader.setDaemon(true);
    }

    /**
     * A modem's end reads bytes as they come: no line editing, no CR/LF translation, no echo by the terminal (the
     * simulator echoes itself, as a modem does). socat's {@code raw} does not reliably do this on every version.
     */
    private static void makeRaw(String ptyPath) throws IOException {
        try {
            Process stty = new ProcessBuilder("stty", "-F", ptyPath, "raw", "-echo", "-ixon", "-ixoff")
                .redirectErrorStream(true).start();
            String output = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (stty.waitFor() != 0) {
                throw new IOException("stty could not make " + ptyPath + " raw: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + ptyPath + " raw");
        }
    }

    protected final void start() {
        reader.start();
    }

    /** Every command line received, in order (including those ignored while hung). */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** The modem stops answering anything but its reset command, which brings it back. */
    public void stopAnswering() {
        hung = true;
    }

    public boolean isAnswering() {
        return !hung;
    }

    public void resetCommand(String command) {
        this.resetCommand = command;
    }

    /** How often the reset command was received. */
    public int resets() {
        return resets;
    }

    /** When on, control bytes, a junk line and a half line come before every answer. */
    public void garbage(boolean on) {
        garbage = on;
    }

    /** Handles one command line (without CR); answer with {@link #reply}, {@link #ok()}, {@link #error()}. */
    protected abstract void command(String line) throws IOException;

    /** Called after the reset command: back to the power-on state. */
    protected void onReset() {
    }

    protected final void reply(String... lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        if (garbage) {
            sb.append("\u0000\u00ff\u0013#@!junk").append("\r\n").append("\u0007\u00fe");
        }
        for (String l : lines) {
            sb.append("\r\n").append(l).append("\r\n");
        }
        write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    protected final void ok() throws IOException {
        reply("OK");
    }

    protected final void error() throws IOException {
        reply("ERROR");
    }

    /** Sends a URC now (between commands). */
    public final void unsolicited(String line) {
        if (hung) {
            return;
        }
        try {
            write(("\r\n" + line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // the pty is gone; the test ends
        }
    }

    protected final synchronized void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads raw text up to Ctrl-Z (returned) or ESC (null): the SMS body after the prompt. */
    protected final String readText() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0 || b == 0x1B) {
                return null;
            }
            if (b == 0x1A) {
                return sb.toString();
            }
            sb.append((char) b);
        }
    }

    /** Reads exactly {@code n} bytes. */
    protected final byte[] readBytes(int n) throws IOException {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("pty closed");
            }
            b[i] = (byte) c;
        }
        return b;
    }

    private void readLoop() {
        StringBuilder line = new StringBuilder();
        try {
            while (!closed) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                if (b == '\n') {
                    continue;
                }
                if (b != '\r') {
                    if (line.length() < 1024) {
                        line.append((char) b);
                    }
                    continue;
                }
                String text = line.toString().trim();
                line.setLength(0);
                if (text.isEmpty()) {
                    continue;
                }
                received.add(text);
                if (text.equalsIgnoreCase(resetCommand)) {
                    resets++;
                    hung = false;
                    echo = true;
                    onReset();
                    ok();
                    continue;
                }
                if (hung) {
                    continue;
                }
                if (echo) {
                    write((text + "\r").getBytes(StandardCharsets.ISO_8859_1));
                }
                String upper = text.toUpperCase(java.util.Locale.ROOT);
                if (upper.equals("ATE0")) {
                    echo = false;
                    ok();
                } else if (upper.equals("ATE1")) {
                    echo = true;
                    ok();
                } else if (upper.equals("AT")) {
                    ok();
                } else {
                    command(text);
                }
            }
        } catch (IOException | RuntimeException e) {
            // pty closed, or a bug: the simulator stops like a modem unplugged
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
        out.close();
    }
}
