package io.outpost.ota;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The journal: one file holding the {@link JobRecord} of the current (or last) job. Every write goes to a temporary
 * file that is forced to disk and then renamed over the journal, and the folder is forced too, so after a kill -9 or
 * a power cut the journal is the old record or the new one, never a mix. The record is written before the step it
 * announces; the recovery after a restart ({@link UpdateJobs}) reads which step may have been cut off.
 */
final class InstallJournal {

    private final Path file;
    private final Path temporary;

    InstallJournal(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("journal.properties");
        this.temporary = dir.resolve("journal.properties.tmp");
    }

    Path file() {
        return file;
    }

    /**
     * The record, if there is one.
     *
     * @throws IOException when the file exists but cannot be read or is not a journal this version wrote; the message
     *                     names the field
     */
    Optional<JobRecord> read() throws IOException {
        Files.deleteIfExists(temporary);  // a write that a crash cut off before its rename
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        try {
            return Optional.of(JobRecord.fromProperties(p));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    void write(JobRecord record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        record.toProperties().store(bytes, "Outpost OTA journal: do not edit while the gateway runs");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.getParent());
    }

    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot open a folder; the rename is then as durable as they make it
        }
    }
}
