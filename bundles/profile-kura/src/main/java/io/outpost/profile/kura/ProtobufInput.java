package io.outpost.profile.kura;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads protobuf wire format from a byte array: tags, varints, fixed 32/64-bit values, length-delimited fields.
 * Every read is bounds-checked; malformed input raises {@link UndecodableException}, never an unchecked surprise.
 */
final class ProtobufInput {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] data;
    private int position;
    private final int end;

    ProtobufInput(byte[] data) {
        this(data, 0, data.length);
    }

    private ProtobufInput(byte[] data, int from, int to) {
        this.data = data;
        this.position = from;
        this.end = to;
    }

    boolean atEnd() {
        return position >= end;
    }

    /** The next tag: field number {@code << 3 | wire type}. */
    int tag() throws UndecodableException {
        long tag = varint();
        if (tag <= 0 || tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
            throw new UndecodableException("invalid tag " + tag);
        }
        return (int) tag;
    }

    long varint() throws UndecodableException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new UndecodableException("truncated varint");
            }
            byte b = data[position++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new UndecodableException("varint longer than 10 bytes");
    }

    long fixed64() throws UndecodableException {
        need(8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (data[position + i] & 0xffL);
        }
        position += 8;
        return v;
    }

    int fixed32() throws UndecodableException {
        need(4);
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (data[position + i] & 0xff);
        }
        position += 4;
        return v;
    }

    byte[] bytes() throws UndecodableException {
        int length = length();
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    String string() throws UndecodableException {
        int length = length();
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, position, length)).toString();
            position += length;
            return s;
        } catch (CharacterCodingException e) {
            throw new UndecodableException("string is not UTF-8");
        }
    }

    /** A nested message: a reader over its bytes only. */
    ProtobufInput message() throws UndecodableException {
        int length = length();
        ProtobufInput nested = new ProtobufInput(data, position, position + length);
        position += length;
        return nested;
    }

    /** Skips a field of the given wire type (groups are refused: KuraPayload has none). */
    void skip(int wireType) throws UndecodableException {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> { need(8); position += 8; }
            case LENGTH_DELIMITED -> position += length();
            case FIXED32 -> { need(4); position += 4; }
            default -> throw new UndecodableException("unsupported wire type " + wireType);
        }
    }

    private int length() throws UndecodableException {
        long length = varint();
        if (length < 0 || length > end - position) {
            throw new UndecodableException("length " + length + " beyond the end of the input");
        }
        return (int) length;
    }

    private void need(int bytes) throws UndecodableException {
        if (end - position < bytes) {
            throw new UndecodableException("truncated fixed-size field");
        }
    }
}
