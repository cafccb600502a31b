package io.outpost.hq.ingest;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

import io.outpost.api.hq.MalformedPayloadException;

/**
 * Reads protobuf wire format from a byte range: tags, varints, fixed 32/64-bit values and length-delimited
 * fields. Every length is checked against the bytes left, so garbage fails with a {@link MalformedPayloadException}
 * and never allocates more than the input.
 */
final class ProtobufReader {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private int position;
    private final int end;

    ProtobufReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private ProtobufReader(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.position = from;
        this.end = end;
    }

    boolean hasMore() {
        return position < end;
    }

    /** The next tag: field number shifted left by 3, wire type in the low 3 bits. */
    long tag() throws MalformedPayloadException {
        long tag = varint();
        if ((tag >>> 3) == 0) {
            throw new MalformedPayloadException("field number 0 at byte " + position);
        }
        return tag;
    }

    long varint() throws MalformedPayloadException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new MalformedPayloadException("varint runs past the end");
            }
            byte b = bytes[position++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new MalformedPayloadException("varint longer than 10 bytes at byte " + position);
    }

    long fixed64() throws MalformedPayloadException {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[position + i] & 0xffL);
        }
        position += 8;
        return v;
    }

    int fixed32() throws MalformedPayloadException {
        need(4);
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (bytes[position + i] & 0xff);
        }
        position += 4;
        return v;
    }

    /** A length-delimited field as a reader of its own bytes. */
    ProtobufReader message() throws MalformedPayloadException {
        int length = length();
        ProtobufReader inner = new ProtobufReader(bytes, position, position + length);
        position += length;
        return inner;
    }

    String string() throws MalformedPayloadException {
        int length = length();
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, position, length)).toString();
            position += length;
            return s;
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException("a string field is not UTF-8 at byte " + position);
        }
    }

    byte[] bytes() throws MalformedPayloadException {
        int length = length();
        byte[] out = java.util.Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return out;
    }

    void skip(int wireType) throws MalformedPayloadException {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> { need(8); position += 8; }
            case LENGTH_DELIMITED -> { int length = length(); position += length; }
            case FIXED32 -> { need(4); position += 4; }
            default -> throw new MalformedPayloadException("wire type " + wireType + " at byte " + position + " is not supported");
        }
    }

    private int length() throws MalformedPayloadException {
        long length = varint();
        if (length < 0 || length > end - position) {
            throw new MalformedPayloadException("a field of " + length + " bytes runs past the end (" + (end - position) + " left)");
        }
        return (int) length;
    }

    private void need(int n) throws MalformedPayloadException {
        if (end - position < n) {
            throw new MalformedPayloadException("a fixed field of " + n + " bytes runs past the end");
        }
    }
}
