package io.outpost.outbox;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a segment file says about itself before its records. Format 2 (this code) starts the file with
 * {@code int magic "OPSG", int format, long epoch, long firstId, int crc32c(the 24 bytes before)}, big-endian;
 * format 1 had no header, its records start at offset 0.
 *
 * @param format 2 with a header; 1 for a file of the first format; 0 for a file too short to hold a header or a record
 * @param epoch  the store's epoch written in the header; 0 when there is none (format 0 or 1, or a header failing its CRC)
 */
record SegmentHeader(int format, long epoch) {

    /** The segment format this code writes; it reads 1 and 2. */
    static final int FORMAT = 2;
    static final int MAGIC = 0x4F505347;   // "OPSG"
    static final int BYTES = 28;

    private static final Logger LOG = LoggerFactory.getLogger(SegmentHeader.class);

    /** Where the records start. */
    long recordsStart() {
        return format == FORMAT ? BYTES : 0;
    }

    /** Writes a format-2 header at the start of an empty (or emptied) file and forces it. */
    static SegmentHeader write(FileChannel data, long epoch, long firstId) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(BYTES);
        header.putInt(MAGIC).putInt(FORMAT).putLong(epoch).putLong(firstId);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, BYTES - 4);
        header.putInt((int) crc.getValue()).flip();
        data.truncate(0);
        long position = 0;
        while (header.hasRemaining()) {
            position += data.write(header, position);
        }
        data.force(true);
        return new SegmentHeader(FORMAT, epoch);
    }

    /**
     * Reads what a file of this size starts with. Shorter than a header: format 0 (in either format such a file
     * holds no record: a creation cut short). A header whose CRC fails is taken for format 2 (its records have their
     * own CRCs). A newer format is refused: this code would misread it.
     */
    static SegmentHeader read(FileChannel data, long size, Path path, long firstId) throws IOException {
        if (size < BYTES) {
            return new SegmentHeader(0, 0);
        }
        ByteBuffer header = ByteBuffer.allocate(BYTES);
        long position = 0;
        while (header.hasRemaining()) {
            int n = data.read(header, position);
            if (n < 0) {
                throw new EOFException("header of " + path + " is cut short");
            }
            position += n;
        }
        if (header.getInt(0) != MAGIC) {
            return new SegmentHeader(1, 0);
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, BYTES - 4);
        if ((int) crc.getValue() != header.getInt(BYTES - 4)) {
            LOG.warn("outbox segment {}: the header fails its CRC; reading its records as format {}", path, FORMAT);
            return new SegmentHeader(FORMAT, 0);
        }
        int format = header.getInt(4);
        if (format != FORMAT) {
            throw new IOException("outbox segment " + path + " has format " + format + "; this outbox reads formats 1 and "
                + FORMAT + " (was the store written by a newer version?)");
        }
        if (header.getLong(16) != firstId) {
            LOG.warn("outbox segment {}: the header names first id {}; the file name counts", path, header.getLong(16));
        }
        return new SegmentHeader(FORMAT, header.getLong(8));
    }
}
