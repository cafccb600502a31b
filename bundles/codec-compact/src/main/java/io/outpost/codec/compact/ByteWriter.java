package io.outpost.codec.compact;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Appends the primitive fields of the compact format: big-endian integers, unsigned varints, zig-zag varints. */
final class ByteWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    ByteWriter u8(int v) {
        out.write(v & 0xFF);
        return this;
    }

    ByteWriter u32(long v) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xFF);
        }
        return this;
    }

    ByteWriter i64(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xFF);
        }
        return this;
    }

    ByteWriter varint(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative varint " + v);
        }
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    ByteWriter zigzag(long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.write((int) (z & 0x7F) | 0x80);
            z >>>= 7;
        }
        out.write((int) z);
        return this;
    }

    ByteWriter bytes(byte[] b) {
        varint(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    ByteWriter raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    ByteWriter text(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
