package io.outpost.codec.compact;

import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote; every read past the end or over a limit throws {@link MalformedBodyException}. */
final class ByteReader {

    private final byte[] data;
    private int pos;

    ByteReader(byte[] data) {
        this.data = data;
    }

    boolean hasMore() {
        return pos < data.length;
    }

    int remaining() {
        return data.length - pos;
    }

    int u8() {
        need(1);
        return data[pos++] & 0xFF;
    }

    long u32() {
        need(4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (data[pos++] & 0xFF);
        }
        return v;
    }

    long i64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos++] & 0xFF);
        }
        return v;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new MalformedBodyException("varint longer than 10 bytes");
    }

    long zigzag() {
        long z = varint();
        return (z >>> 1) ^ -(z & 1);
    }

    /** A length-prefixed byte string of at most {@code max} bytes. */
    byte[] bytes(int max) {
        long len = varint();
        if (len < 0 || len > max || len > remaining()) {
            throw new MalformedBodyException("length " + len + " exceeds " + Math.min(max, remaining()));
        }
        byte[] b = new byte[(int) len];
        System.arraycopy(data, pos, b, 0, b.length);
        pos += b.length;
        return b;
    }

    String text(int max) {
        return new String(bytes(max), StandardCharsets.UTF_8);
    }

    /** A count that cannot exceed the bytes left (each counted item takes at least one byte). */
    int count() {
        long n = varint();
        if (n < 0 || n > remaining()) {
            throw new MalformedBodyException("count " + n + " exceeds the " + remaining() + " bytes left");
        }
        return (int) n;
    }

    private void need(int n) {
        if (remaining() < n) {
            throw new MalformedBodyException("truncated: needs " + n + " more bytes, has " + remaining());
        }
    }
}
