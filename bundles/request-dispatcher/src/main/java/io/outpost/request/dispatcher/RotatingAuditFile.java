package io.outpost.request.dispatcher;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit file: one line per answered request, appended and flushed; when it reaches {@code maxBytes} it is
 * renamed to {@code <name>.1} (older ones shift to {@code .2} ... {@code .<keep>}, the oldest is deleted). A failing
 * disk is warned about once and counted; requests are answered all the same.
 */
final class RotatingAuditFile implements AuditTrail, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RotatingAuditFile.class);

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final AtomicLong failures = new AtomicLong();
    private Writer writer;
    private long size;

    RotatingAuditFile(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        byte[] line = (entry.line() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (writer == null) {
                open();
            }
            if (size > 0 && size + line.length > maxBytes) {
                rotate();
            }
            writer.write(new String(line, StandardCharsets.UTF_8));
            writer.flush();
            size += line.length;
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            if (failures.getAndIncrement() == 0) {
                LOG.warn("request audit file {} cannot be written: {}", file, e.toString());
            }
        }
    }

    long failures() {
        return failures.get();
    }

    private void open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        closeQuietly();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // the next record reopens
            }
            writer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
