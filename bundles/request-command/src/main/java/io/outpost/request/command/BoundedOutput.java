package io.outpost.request.command;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code limit} bytes written and counts the rest; thread-safe. */
final class BoundedOutput extends OutputStream {

    private final byte[] kept;
    private int size;
    private long dropped;

    BoundedOutput(int limit) {
        this.kept = new byte[limit];
    }

    @Override
    public synchronized void write(int b) {
        if (size < kept.length) {
            kept[size++] = (byte) b;
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int n = Math.min(len, kept.length - size);
        System.arraycopy(b, off, kept, size, n);
        size += n;
        dropped += len - n;
    }

    synchronized boolean truncated() {
        return dropped > 0;
    }

    /** The kept bytes as UTF-8 text (a multi-byte character cut at the limit becomes a replacement character). */
    synchronized String text() {
        return new String(kept, 0, size, StandardCharsets.UTF_8);
    }
}
