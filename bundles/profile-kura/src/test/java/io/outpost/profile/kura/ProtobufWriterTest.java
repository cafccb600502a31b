package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ProtobufWriterTest {

    private static String hex(ProtobufWriter w) {
        return HexFormat.of().formatHex(w.toByteArray());
    }

    private static String varint(long v) {
        return hex(new ProtobufWriter().varint(v));
    }

    @Test
    void smallVarintsTakeOneByteAndTheEighthBitStartsASecond() {
        assertEquals("00", varint(0));
        assertEquals("01", varint(1));
        assertEquals("7f", varint(127));
        assertEquals("8001", varint(128));
        assertEquals("ac02", varint(300));
        assertEquals("ff7f", varint(16383));
        assertEquals("808001", varint(16384));
    }

    @Test
    void largestPositiveLongTakesNineBytes() {
        assertEquals("ffffffffffffffff7f", varint(Long.MAX_VALUE));
    }

    @Test
    void negativeInt64TakesTenBytesAsTwosComplement() {
        assertEquals("28" + "ffffffffffffffffff01", hex(new ProtobufWriter().int64(5, -1L)));
        assertEquals("28" + "80808080808080808001", hex(new ProtobufWriter().int64(5, Long.MIN_VALUE)));
    }

    @Test
    void negativeInt32IsSignExtendedToTenBytesNotZigZagged() {
        assertEquals("30" + "ffffffffffffffffff01", hex(new ProtobufWriter().int32(6, -1)));
        assertEquals("30" + "80808080f8ffffffff01", hex(new ProtobufWriter().int32(6, Integer.MIN_VALUE)));
        assertEquals("30" + "ffffffff07", hex(new ProtobufWriter().int32(6, Integer.MAX_VALUE)));
    }

    @Test
    void fieldNumbersAboveFifteenNeedLongerTags() {
        // metric = 5000, length-delimited: (5000 << 3) | 2 = 40002
        assertEquals("c2b80200", hex(new ProtobufWriter().bytes(5000, new byte[0])));
        assertEquals("cab80203010203", hex(new ProtobufWriter().bytes(5001, new byte[] {1, 2, 3})));
    }

    @Test
    void doublesAndFloatsAreLittleEndianFixedWidth() {
        assertEquals("19000000000000f03f", hex(new ProtobufWriter().double64(3, 1.0)));
        assertEquals("190000000000000080", hex(new ProtobufWriter().double64(3, -0.0)));
        assertEquals("250000803f", hex(new ProtobufWriter().float32(4, 1.0f)));
        assertEquals("250000c07f", hex(new ProtobufWriter().float32(4, Float.NaN)));
    }

    @Test
    void stringsAreUtf8WithTheirByteLength() {
        // "é" is two bytes in UTF-8
        assertArrayEquals(new byte[] {0x0a, 3, 'a', (byte) 0xc3, (byte) 0xa9}, new ProtobufWriter().string(1, "a\u00e9").toByteArray());
    }

    @Test
    void booleansAndEnumsAreVarints() {
        assertEquals("3801", hex(new ProtobufWriter().bool(7, true)));
        assertEquals("3800", hex(new ProtobufWriter().bool(7, false)));
        assertEquals("1000", hex(new ProtobufWriter().enumValue(2, 0)));
        assertEquals("1006", hex(new ProtobufWriter().enumValue(2, 6)));
    }
}
