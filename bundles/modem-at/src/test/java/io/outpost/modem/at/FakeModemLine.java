package io.outpost.modem.at;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A line whose modem is a function from what was written to what it answers. */
final class FakeModemLine implements SerialLine {

    private final LinkedBlockingQueue<byte[]> toHost = new LinkedBlockingQueue<>();
    private final Function<String, String> modem;
    final StringBuilder written = new StringBuilder();
    private volatile boolean closed;

    FakeModemLine(Function<String, String> modem) {
        this.modem = modem;
    }

    void push(String text) {
        toHost.add(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void pushBytes(byte[] b) {
        toHost.add(b);
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        try {
            byte[] chunk = toHost.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            if (chunk == null) {
                return 0;
            }
            int n = Math.min(chunk.length, buffer.length);
            System.arraycopy(chunk, 0, buffer, 0, n);
            if (n < chunk.length) {
                byte[] rest = java.util.Arrays.copyOfRange(chunk, n, chunk.length);
                java.util.ArrayDeque<byte[]> all = new java.util.ArrayDeque<>();
                all.add(rest);
                toHost.drainTo(all);
                toHost.addAll(all);
            }
            return n;
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    @Override
    public synchronized void write(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        written.append(s);
        String answer = modem.apply(s);
        if (answer != null && !answer.isEmpty()) {
            push(answer);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
