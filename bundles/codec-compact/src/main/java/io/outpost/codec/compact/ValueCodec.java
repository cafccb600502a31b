package io.outpost.codec.compact;

import io.outpost.api.data.Quality;
import io.outpost.api.data.Value;

/**
 * One value as a tag byte and its bytes. Tag: low 4 bits the type code, bits 4-5 the quality code.
 * Codes are stable (docs/protocol.md): 0 false, 1 true, 2 int32 zig-zag varint, 3 int64 zig-zag varint,
 * 4 float32, 5 float64, 6 UTF-8 text, 7 bytes; quality 0 good, 1 uncertain, 2 bad.
 */
final class ValueCodec {

    static final int MAX_TEXT = 1024;

    private ValueCodec() {
    }

    static void write(ByteWriter out, Value value, Quality quality) {
        int q = switch (quality) {
            case GOOD -> 0;
            case UNCERTAIN -> 1;
            case BAD -> 2;
        };
        int tag = q << 4;
        if (value instanceof Value.BooleanValue b) {
            out.u8(tag | (b.value() ? 1 : 0));
        } else if (value instanceof Value.Int32Value i) {
            out.u8(tag | 2).zigzag(i.value());
        } else if (value instanceof Value.Int64Value l) {
            out.u8(tag | 3).zigzag(l.value());
        } else if (value instanceof Value.FloatValue f) {
            out.u8(tag | 4).u32(Float.floatToIntBits(f.value()) & 0xFFFF_FFFFL);
        } else if (value instanceof Value.DoubleValue d) {
            out.u8(tag | 5).i64(Double.doubleToLongBits(d.value()));
        } else if (value instanceof Value.StringValue s) {
            out.u8(tag | 6).text(s.value());
        } else if (value instanceof Value.BytesValue b) {
            out.u8(tag | 7).bytes(b.value());
        } else {
            throw new IllegalArgumentException("no compact code for " + value.getClass().getSimpleName());
        }
    }

    /** Reads a value; {@code quality[0]} receives its quality. */
    static Value read(ByteReader in, Quality[] quality) {
        int tag = in.u8();
        quality[0] = switch (tag >>> 4) {
            case 0 -> Quality.GOOD;
            case 1 -> Quality.UNCERTAIN;
            case 2 -> Quality.BAD;
            default -> throw new MalformedBodyException("quality code " + (tag >>> 4));
        };
        return switch (tag & 0x0F) {
            case 0 -> Value.of(false);
            case 1 -> Value.of(true);
            case 2 -> Value.of((int) in.zigzag());
            case 3 -> Value.of(in.zigzag());
            case 4 -> Value.of(Float.intBitsToFloat((int) in.u32()));
            case 5 -> Value.of(Double.longBitsToDouble(in.i64()));
            case 6 -> Value.of(in.text(MAX_TEXT));
            case 7 -> Value.of(in.bytes(MAX_TEXT));
            default -> throw new MalformedBodyException("value type code " + (tag & 0x0F));
        };
    }
}
