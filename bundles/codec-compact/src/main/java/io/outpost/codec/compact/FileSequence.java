package io.outpost.codec.compact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A {@link SequenceSource} that survives restarts and power cuts: it writes the end of a reserved block of numbers
 * to a file (atomically, by rename) before handing out any number of that block, so a restart skips the unused rest
 * of the block but never repeats a number. One write per {@code block} frames keeps the SD card quiet.
 */
public final class FileSequence implements SequenceSource {

    private static final long MAX = 0xFFFF_FFFFL;

    private final Path file;
    private final int block;
    private long next;
    private long reservedUpTo;

    /**
     * @param file  where the reservation is kept; created when missing
     * @param block how many numbers one write reserves (≥ 1)
     */
    public FileSequence(Path file, int block) throws IOException {
        if (block < 1) {
            throw new IllegalArgumentException("'block' " + block + " must be at least 1");
        }
        this.file = file;
        this.block = block;
        long stored = 0;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            try {
                stored = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IOException("sequence file " + file + " holds '" + text + "', not a number");
            }
        }
        this.next = stored + 1;
        this.reservedUpTo = stored;
    }

    @Override
    public synchronized long next() {
        if (next > MAX) {
            throw new IllegalStateException("sequence space of " + file + " is exhausted: the gateway needs a new key");
        }
        if (next > reservedUpTo) {
            long upTo = Math.min(MAX, next + block - 1);
            try {
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.writeString(tmp, Long.toString(upTo), StandardCharsets.US_ASCII);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException("cannot reserve sequence numbers in " + file + ": " + e.getMessage(), e);
            }
            reservedUpTo = upTo;
        }
        return next++;
    }
}
