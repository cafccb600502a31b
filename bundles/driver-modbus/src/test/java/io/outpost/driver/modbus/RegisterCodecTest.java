package io.outpost.driver.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;

class RegisterCodecTest {

    @Test
    void decodesSixteenBitSignedAndUnsigned() {
        int[] words = {0xFFFF};
        assertEquals(Value.of(-1), RegisterCodec.decode(words, 0, DataType.INT16, WordOrder.BIG, ValueType.INT32));
        assertEquals(Value.of(65535), RegisterCodec.decode(words, 0, DataType.UINT16, WordOrder.BIG, ValueType.INT32));
        assertEquals(Value.of(65535.0), RegisterCodec.decode(words, 0, DataType.UINT16, WordOrder.BIG, ValueType.DOUBLE));
    }

    @Test
    void decodesFloat32InBothWordOrders() {
        // 21.5f is 0x41AC0000
        assertEquals(Value.of(21.5f), RegisterCodec.decode(new int[] {0x41AC, 0x0000}, 0, DataType.FLOAT32, WordOrder.BIG, ValueType.FLOAT));
        assertEquals(Value.of(21.5f), RegisterCodec.decode(new int[] {0x0000, 0x41AC}, 0, DataType.FLOAT32, WordOrder.LITTLE, ValueType.FLOAT));
        assertEquals(Value.of(21.5), RegisterCodec.decode(new int[] {9, 0x41AC, 0x0000}, 1, DataType.FLOAT32, WordOrder.BIG, ValueType.DOUBLE));
    }

    @Test
    void decodesThirtyTwoBitIntegersInBothWordOrders() {
        assertEquals(Value.of(100000), RegisterCodec.decode(new int[] {0x0001, 0x86A0}, 0, DataType.INT32, WordOrder.BIG, ValueType.INT32));
        assertEquals(Value.of(100000), RegisterCodec.decode(new int[] {0x86A0, 0x0001}, 0, DataType.INT32, WordOrder.LITTLE, ValueType.INT32));
        assertEquals(Value.of(-2), RegisterCodec.decode(new int[] {0xFFFF, 0xFFFE}, 0, DataType.INT32, WordOrder.BIG, ValueType.INT32));
        assertEquals(Value.of(4294967294L), RegisterCodec.decode(new int[] {0xFFFF, 0xFFFE}, 0, DataType.UINT32, WordOrder.BIG, ValueType.INT64));
    }

    @Test
    void decodesSixtyFourBitValuesInBothWordOrders() {
        long big = 0x0102030405060708L;
        assertEquals(Value.of(big), RegisterCodec.decode(new int[] {0x0102, 0x0304, 0x0506, 0x0708}, 0, DataType.INT64, WordOrder.BIG, ValueType.INT64));
        assertEquals(Value.of(big), RegisterCodec.decode(new int[] {0x0708, 0x0506, 0x0304, 0x0102}, 0, DataType.INT64, WordOrder.LITTLE, ValueType.INT64));
        long pi = Double.doubleToLongBits(Math.PI);
        int[] words = {(int) (pi >>> 48) & 0xFFFF, (int) (pi >>> 32) & 0xFFFF, (int) (pi >>> 16) & 0xFFFF, (int) pi & 0xFFFF};
        assertEquals(Value.of(Math.PI), RegisterCodec.decode(words, 0, DataType.FLOAT64, WordOrder.BIG, ValueType.DOUBLE));
    }

    @Test
    void encodesWhatItDecodes() {
        for (WordOrder order : WordOrder.values()) {
            assertRoundTrip(Value.of(-1234), DataType.INT16, order, ValueType.INT32);
            assertRoundTrip(Value.of(60000), DataType.UINT16, order, ValueType.INT32);
            assertRoundTrip(Value.of(-123456789), DataType.INT32, order, ValueType.INT32);
            assertRoundTrip(Value.of(4000000000L), DataType.UINT32, order, ValueType.INT64);
            assertRoundTrip(Value.of(-3.25f), DataType.FLOAT32, order, ValueType.FLOAT);
            assertRoundTrip(Value.of(Long.MIN_VALUE + 7), DataType.INT64, order, ValueType.INT64);
            assertRoundTrip(Value.of(-1.0e300), DataType.FLOAT64, order, ValueType.DOUBLE);
        }
        assertArrayEquals(new int[] {0x41AC, 0x0000}, RegisterCodec.encode(Value.of(21.5f), DataType.FLOAT32, WordOrder.BIG));
        assertArrayEquals(new int[] {0x0000, 0x41AC}, RegisterCodec.encode(Value.of(21.5f), DataType.FLOAT32, WordOrder.LITTLE));
    }

    @Test
    void refusesToEncodeAValueThatDoesNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> RegisterCodec.encode(Value.of(70000), DataType.INT16, WordOrder.BIG));
        assertEquals("value 70000 does not fit int16 (-32768 to 32767)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encode(Value.of(-1), DataType.UINT32, WordOrder.BIG));
        assertThrows(IllegalArgumentException.class, () -> RegisterCodec.encode(Value.of(1.5), DataType.INT32, WordOrder.BIG));
    }

    @Test
    void aBitBecomesTheChannelsType() {
        assertEquals(Value.of(true), RegisterCodec.decodeBit(true, ValueType.BOOLEAN));
        assertEquals(Value.of(1), RegisterCodec.decodeBit(true, ValueType.INT32));
        assertEquals(Value.of(0L), RegisterCodec.decodeBit(false, ValueType.INT64));
    }

    private static void assertRoundTrip(Value value, DataType type, WordOrder order, ValueType valueType) {
        int[] words = RegisterCodec.encode(value, type, order);
        assertEquals(type.words(), words.length);
        assertEquals(value, RegisterCodec.decode(words, 0, type, order, valueType), type + " " + order);
    }
}
