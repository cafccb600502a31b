package io.outpost.driver.modbus;

import static io.outpost.driver.modbus.Channels.channel;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConnection.WriteRequest;

/** The device logic against an in-memory line: errors become records, the line is reopened on the next poll. */
class ModbusDeviceTest {

    private final MemoryLine line = new MemoryLine();
    private final ModbusDevice device = new ModbusDevice("d", line, new BlockPlanner(true, 0),
        Clock.fixed(Instant.ofEpochMilli(5000), ZoneOffset.UTC));

    private final ChannelDescriptor a = channel("a", ValueType.INT32, "area", "holding-register", "address", "0");
    private final ChannelDescriptor b = channel("b", ValueType.FLOAT, "area", "holding-register", "address", "1", "dataType", "float32");
    private final ChannelDescriptor missing = channel("m", ValueType.INT32, "area", "holding-register", "address", "3");

    @Test
    void readsNeighboursWithOneRequest() {
        line.registers.put(0, 7);
        line.registers.put(1, 0x41AC);
        line.registers.put(2, 0);
        List<ChannelRecord> records = device.read(List.of(b, a));
        assertEquals(List.of(ChannelRecord.ok("b", Value.of(21.5f), 5000), ChannelRecord.ok("a", Value.of(7), 5000)), records);
        assertEquals(List.of("read 0+3"), line.requests);
    }

    @Test
    void anExceptionResponseSpoilsOnlyTheChannelThatCausedIt() {
        line.registers.put(0, 7);
        line.registers.put(1, 0x41AC);
        line.registers.put(2, 0);
        List<ChannelRecord> records = device.read(List.of(a, b, missing));
        assertTrue(records.get(0).isOk());
        assertTrue(records.get(1).isOk());
        assertEquals(ChannelRecord.failed("m", "Modbus exception 2: illegal data address", 5000), records.get(2));
        assertEquals(List.of("read 0+4", "read 0+1", "read 1+2", "read 3+1"), line.requests);
        assertTrue(line.isOpen(), "an exception response is an answer: the line stays up");
    }

    @Test
    void aLineFailureGivesBadRecordsAndTheNextPollReconnects() {
        line.registers.put(0, 7);
        line.failNext = true;
        List<ChannelRecord> records = device.read(List.of(a));
        assertFalse(records.get(0).isOk());
        assertEquals("no answer from memory: timeout", records.get(0).detail());
        assertFalse(line.isOpen());
        line.refuseOpen = true;
        assertEquals("cannot connect to memory", device.read(List.of(a)).get(0).detail());
        line.refuseOpen = false;
        assertEquals(List.of(ChannelRecord.ok("a", Value.of(7), 5000)), device.read(List.of(a)));
        assertEquals(2, line.opens, "one open per poll, not a retry storm");
    }

    @Test
    void writesEachRequestWithItsOwnResult() {
        ChannelDescriptor coil = channel("pump", ValueType.BOOLEAN, "area", "coil", "address", "4");
        ChannelDescriptor input = channel("in", ValueType.INT32, "area", "input-register", "address", "4");
        ChannelDescriptor wide = channel("w", ValueType.INT32, "area", "holding-register", "address", "10", "dataType", "int32",
            "wordOrder", "little");
        ChannelDescriptor small = channel("s", ValueType.INT32, "area", "holding-register", "address", "20", "dataType", "int16");
        List<ChannelRecord> results = device.write(List.of(
            new WriteRequest(coil, Value.of(true)),
            new WriteRequest(input, Value.of(1)),
            new WriteRequest(wide, Value.of(100000)),
            new WriteRequest(small, Value.of(40000))));
        assertEquals(ChannelRecord.ok("pump", Value.of(true), 5000), results.get(0));
        assertEquals(ChannelRecord.failed("in", "channel 'in': area input-register is read-only, only coil and holding-register channels can be written", 5000),
            results.get(1));
        assertEquals(ChannelRecord.ok("w", Value.of(100000), 5000), results.get(2));
        assertEquals(ChannelRecord.failed("s", "channel 's': value 40000 does not fit int16 (-32768 to 32767)", 5000), results.get(3));
        assertEquals(List.of("coil 4=true", "write 10=[34464, 1]"), line.requests);
        assertArrayEquals(new int[] {0x86A0, 0x0001}, new int[] {line.registers.get(10), line.registers.get(11)});
    }

    @Test
    void aBadChannelGivesABadRecordNamingIt() {
        ChannelDescriptor bad = channel("bad", ValueType.DOUBLE, "area", "coil", "address", "1", "dataType", "float32");
        List<ChannelRecord> records = device.read(List.of(bad));
        assertEquals("channel 'bad': dataType float32 does not fit area coil (coils and discrete inputs hold bool)", records.get(0).detail());
    }

    /** Holding registers and coils in memory; addresses not set answer with exception 2. */
    private static final class MemoryLine implements ModbusLine {
        final Map<Integer, Integer> registers = new HashMap<>();
        final Map<Integer, Boolean> coils = new HashMap<>();
        final List<String> requests = new ArrayList<>();
        boolean open;
        boolean failNext;
        boolean refuseOpen;
        int opens;

        @Override
        public void open() throws ModbusFault {
            if (refuseOpen) {
                throw ModbusFault.line("cannot connect to memory", null);
            }
            open = true;
            opens++;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public boolean[] readBits(int unitId, Area area, int start, int count) throws ModbusFault {
            requests.add("bits " + start + "+" + count);
            boolean[] out = new boolean[count];
            for (int i = 0; i < count; i++) {
                Boolean bit = coils.get(start + i);
                if (bit == null) {
                    throw ModbusFault.exception(2);
                }
                out[i] = bit;
            }
            return out;
        }

        @Override
        public int[] readRegisters(int unitId, Area area, int start, int count) throws ModbusFault {
            requests.add("read " + start + "+" + count);
            if (failNext) {
                failNext = false;
                throw ModbusFault.line("no answer from memory: timeout", null);
            }
            int[] out = new int[count];
            for (int i = 0; i < count; i++) {
                Integer word = registers.get(start + i);
                if (word == null) {
                    throw ModbusFault.exception(2);
                }
                out[i] = word;
            }
            return out;
        }

        @Override
        public void writeCoil(int unitId, int address, boolean value) {
            requests.add("coil " + address + "=" + value);
            coils.put(address, value);
        }

        @Override
        public void writeRegisters(int unitId, int address, int[] words) {
            requests.add("write " + address + "=" + java.util.Arrays.toString(words));
            for (int i = 0; i < words.length; i++) {
                registers.put(address + i, words[i]);
            }
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public String describe() {
            return "memory";
        }
    }
}
