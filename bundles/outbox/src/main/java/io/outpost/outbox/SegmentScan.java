package io.outpost.outbox;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * Reads a segment's data and ack files back when the store opens: the records (or acks) that are whole and pass
 * their CRC, up to the first that does not. Each returns the position where the good part ends.
 */
final class SegmentScan {

    private SegmentScan() {
    }

    static long data(Path path, long fileSize, long start, List<OutboxSegment.Found> found) throws IOException {
        long position = start;
        CRC32C crc = new CRC32C();
        try (InputStream raw = Files.newInputStream(path); DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024))) {
            in.skipNBytes(start);
            while (position + OutboxSegment.HEADER <= fileSize) {
                int bodyLength = in.readInt();
                int expected = in.readInt();
                if (bodyLength < OutboxSegment.BODY_PREFIX || bodyLength > fileSize - position - OutboxSegment.HEADER) {
                    break;
                }
                byte[] body = new byte[bodyLength];
                in.readFully(body);
                crc.reset();
                crc.update(body, 0, bodyLength);
                if ((int) crc.getValue() != expected) {
                    break;
                }
                ByteBuffer b = ByteBuffer.wrap(body);
                long id = b.getLong();
                long appendedAt = b.getLong();
                int classCode = b.get();
                if (!StoreCodes.isMessageClass(classCode)) {
                    break;
                }
                found.add(new OutboxSegment.Found(id, appendedAt, StoreCodes.messageClass(classCode), position, OutboxSegment.HEADER + bodyLength));
                position += OutboxSegment.HEADER + bodyLength;
            }
        } catch (EOFException torn) {
            // the tail is cut short: everything before position is good
        }
        return position;
    }

    static long acks(Path path, long fileSize, Set<Long> acked) throws IOException {
        long position = 0;
        CRC32C crc = new CRC32C();
        ByteBuffer record = ByteBuffer.allocate(OutboxSegment.ACK_RECORD);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ); InputStream in = new BufferedInputStream(Channels.newInputStream(ch))) {
            while (position + OutboxSegment.ACK_RECORD <= fileSize) {
                record.clear();
                if (in.readNBytes(record.array(), 0, OutboxSegment.ACK_RECORD) < OutboxSegment.ACK_RECORD) {
                    break;
                }
                crc.reset();
                crc.update(record.array(), 0, 8);
                if ((int) crc.getValue() != record.getInt(8)) {
                    break;
                }
                acked.add(record.getLong(0));
                position += OutboxSegment.ACK_RECORD;
            }
        }
        return position;
    }
}
