package io.outpost.outbox;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

import io.outpost.api.upstream.MessageClass;

/**
 * One segment of the log: a data file of CRC32C-protected records ({@code <first id>.seg}) and an ack file
 * ({@code <first id>.ack}) naming the records of this segment that left the store (delivered or dropped).
 * Both files are append-only; a segment is deleted as a whole once none of its records is live.
 *
 * <p>The data file starts with a {@link SegmentHeader} (format 2), written and forced with its directory entry before
 * any record; format 1 had none. Data record (both formats): {@code int bodyLength,
 * int crc32c(body), body}; body: {@code long id, long appendedAt, byte messageClass (its StoreCodes code),
 * message bytes}. Ack record: {@code long id, int crc32c(id)}. All big-endian.
 */
final class OutboxSegment {

    /** Bytes before a record's body: its length and CRC. */
    static final int HEADER = 8;
    static final int BODY_PREFIX = 17;
    static final int ACK_RECORD = 12;

    /** A record found when a segment is opened again. */
    record Found(long id, long appendedAt, MessageClass messageClass, long offset, int size) {
    }

    /**
     * What reopening found: the live records, the ids of records copied here from an older segment by compaction
     * (acknowledged or not: they supersede the originals), and how many bytes of torn or corrupt tail were cut off.
     */
    record Recovered(OutboxSegment segment, List<Found> live, List<Long> copiedIds, long truncatedBytes) {
    }

    private final long firstId;
    private final Path dataPath;
    private final Path ackPath;
    private final FileChannel data;
    private FileChannel acks;
    /**
     * Reads go through a channel of their own, opened on demand: an interrupt of a reading thread closes only
     * this one (ClosedByInterruptException), never the committer's, and the next read opens it again.
     */
    private FileChannel reader;
    private boolean closed;
    private long size;
    private SegmentHeader header = new SegmentHeader(0, 0);
    /** The highest id of any record found here on opening, acknowledged or not; 0 when none. */
    private long highestRecordId;
    /** Records of this segment still in the store, and their bytes; guarded by the store's lock. */
    int live;
    long liveBytes;
    /** Acks to write at the next commit; guarded by the store's lock. */
    List<Long> pendingAcks = new ArrayList<>();

    private OutboxSegment(Path dir, long firstId) throws IOException {
        this.firstId = firstId;
        this.dataPath = dir.resolve(name(firstId) + ".seg");
        this.ackPath = dir.resolve(name(firstId) + ".ack");
        this.data = FileChannel.open(dataPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.size = data.size();
    }

    static String name(long firstId) {
        return String.format("%016x", firstId);
    }

    /**
     * A new segment: its header is written and forced, and so is the directory entry, before it is used, so that
     * an older segment deleted afterwards cannot outlive it in a crash (its name keeps the next id). A file of that
     * name holding no more than a header (a creation that failed half-way) is started again.
     */
    static OutboxSegment create(Path dir, long firstId, long epoch) throws IOException {
        OutboxSegment segment = new OutboxSegment(dir, firstId);
        try {
            if (segment.size > SegmentHeader.BYTES) {
                throw new IOException("segment " + segment.dataPath + " already holds records");
            }
            segment.writeHeader(epoch);
            DurableFiles.forceDirectory(dir);
        } catch (IOException e) {
            segment.close();
            throw e;
        }
        return segment;
    }

    /** Writes the format-2 header into an empty file (or over a torn one) and forces it. */
    void writeHeader(long storeEpoch) throws IOException {
        header = SegmentHeader.write(data, storeEpoch, firstId);
        size = SegmentHeader.BYTES;
    }

    int format() {
        return header.format();
    }

    long epoch() {
        return header.epoch();
    }

    long highestRecordId() {
        return highestRecordId;
    }

    void gain(StoredEntry e) {
        live++;
        liveBytes += e.size;
    }

    void lose(StoredEntry e) {
        live--;
        liveBytes -= e.size;
    }

    long firstId() {
        return firstId;
    }

    long size() {
        return size;
    }

    /** The full record (header and body) of a message. */
    static byte[] record(long id, long appendedAt, MessageClass messageClass, byte[] message) {
        int bodyLength = BODY_PREFIX + message.length;
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + bodyLength);
        buffer.putInt(bodyLength).putInt(0).putLong(id).putLong(appendedAt).put((byte) StoreCodes.of(messageClass)).put(message);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), HEADER, bodyLength);
        buffer.putInt(4, (int) crc.getValue());
        return buffer.array();
    }

    /** Whether a whole record read back (header and body) still carries the CRC it was written with. */
    static boolean intact(byte[] record) {
        if (record.length < HEADER + BODY_PREFIX || ByteBuffer.wrap(record).getInt(0) != record.length - HEADER) {
            return false;
        }
        CRC32C crc = new CRC32C();
        crc.update(record, HEADER, record.length - HEADER);
        return (int) crc.getValue() == ByteBuffer.wrap(record).getInt(4);
    }

    /** Appends records written back to back; returns the offset of the first. Not forced. */
    long append(ByteBuffer records) throws IOException {
        long start = size;
        long position = start;
        try {
            while (records.hasRemaining()) {
                position += data.write(records, position);
            }
        } catch (IOException e) {
            try {
                data.truncate(start);   // no half batch in the middle of the file: the retry appends at the same place
            } catch (IOException ignored) {
                // the next recovery cuts a torn tail anyway
            }
            throw e;
        }
        size = position;
        return start;
    }

    /**
     * Forgets what was appended from {@code position} on: the next append writes there again, so a batch
     * whose write or force failed is never in the file twice. Truncating is best effort; the next append
     * overwrites the bytes anyway.
     */
    void truncateTo(long position) {
        size = position;
        try {
            data.truncate(position);
        } catch (IOException ignored) {
            // overwritten in place by the retry; a torn tail is cut by recovery
        }
    }

    /** The whole record (header and body) at this offset. */
    byte[] readRecord(long offset, int recordSize) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(recordSize);
        long position = offset;
        FileChannel channel = reader();
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new EOFException("record at " + offset + " of " + dataPath + " is cut short");
                }
                position += n;
            }
        } catch (ClosedChannelException closedUnderUs) {
            forgetReader(channel);
            throw closedUnderUs;
        }
        return buffer.array();
    }

    private synchronized FileChannel reader() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (reader == null || !reader.isOpen()) {
            reader = FileChannel.open(dataPath, StandardOpenOption.READ);
        }
        return reader;
    }

    private synchronized void forgetReader(FileChannel channel) {
        if (reader == channel) {
            reader = null;
        }
    }

    void writeAcks(List<Long> ids) throws IOException {
        if (ids.isEmpty()) {
            return;
        }
        if (acks == null) {
            acks = FileChannel.open(ackPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        ByteBuffer buffer = ByteBuffer.allocate(ids.size() * ACK_RECORD);
        CRC32C crc = new CRC32C();
        for (long id : ids) {
            buffer.putLong(id);
            crc.reset();
            crc.update(buffer.array(), buffer.position() - 8, 8);
            buffer.putInt((int) crc.getValue());
        }
        buffer.flip();
        long start = acks.size();
        try {
            while (buffer.hasRemaining()) {
                acks.write(buffer);
            }
        } catch (IOException e) {
            try {
                acks.truncate(start);   // no torn ack in the middle: the scan would stop there and ignore the later ones
            } catch (IOException ignored) {
                // recovery cuts a torn tail
            }
            throw e;
        }
    }

    void force() throws IOException {
        data.force(false);
        if (acks != null) {
            acks.force(false);
        }
    }

    void close() {
        synchronized (this) {
            closed = true;
            closeQuietly(reader);
        }
        closeQuietly(data);
        closeQuietly(acks);
    }

    void delete() throws IOException {
        close();
        Files.deleteIfExists(ackPath);
        Files.deleteIfExists(dataPath);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing a file we are done with
        }
    }

    /**
     * Opens an existing segment: scans its records, stops at the first one that is torn or fails its CRC and
     * truncates the file there; does the same for the ack file; returns the records not acknowledged.
     */
    static Recovered recover(Path dir, long firstId) throws IOException {
        OutboxSegment segment = new OutboxSegment(dir, firstId);
        List<Found> found = new ArrayList<>();
        long start;
        try {
            start = segment.readHeader();
        } catch (IOException e) {
            segment.close();
            throw e;
        }
        long good = SegmentScan.data(segment.dataPath, segment.size, start, found);
        long truncated = segment.size - good;
        for (Found f : found) {
            segment.highestRecordId = Math.max(segment.highestRecordId, f.id());
        }
        if (truncated > 0) {
            segment.data.truncate(good);
            segment.data.force(true);
            segment.size = good;
        }
        Set<Long> acked = new HashSet<>();
        if (Files.exists(segment.ackPath)) {
            long ackSize = Files.size(segment.ackPath);
            long goodAcks = SegmentScan.acks(segment.ackPath, ackSize, acked);
            if (goodAcks < ackSize) {
                try (FileChannel ch = FileChannel.open(segment.ackPath, StandardOpenOption.WRITE)) {
                    ch.truncate(goodAcks);
                    ch.force(true);
                }
                truncated += ackSize - goodAcks;
            }
        }
        List<Found> live = found.stream().filter(f -> !acked.contains(f.id())).toList();
        List<Long> copied = found.stream().filter(f -> f.id() < firstId).map(Found::id).toList();
        return new Recovered(segment, live, copied, truncated);
    }

    /** Reads the header and returns where the records start; a file too short for a header or a record is emptied. */
    private long readHeader() throws IOException {
        header = SegmentHeader.read(data, size, dataPath, firstId);
        if (header.format() == 0 && size > 0) {
            data.truncate(0);
            data.force(true);
            size = 0;
        }
        return header.recordsStart();
    }
}
