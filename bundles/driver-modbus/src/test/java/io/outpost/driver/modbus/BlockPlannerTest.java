package io.outpost.driver.modbus;

import static io.outpost.driver.modbus.Channels.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BlockPlannerTest {

    @Test
    void mergesNeighbouringRegistersIntoOneRequest() {
        List<ModbusChannel> channels = List.of(
            register("a", 1, Area.HOLDING_REGISTER, 10, DataType.UINT16),
            register("b", 1, Area.HOLDING_REGISTER, 11, DataType.FLOAT32),
            register("c", 1, Area.HOLDING_REGISTER, 13, DataType.INT64));
        List<ReadBlock> blocks = new BlockPlanner(true, 0).plan(channels);
        assertEquals(List.of(new ReadBlock(1, Area.HOLDING_REGISTER, 10, 7, List.of(0, 1, 2))), blocks);
    }

    @Test
    void keepsEveryChannelAloneWhenMergingIsOff() {
        List<ModbusChannel> channels = List.of(
            register("a", 1, Area.HOLDING_REGISTER, 10, DataType.UINT16),
            register("b", 1, Area.HOLDING_REGISTER, 11, DataType.FLOAT32));
        List<ReadBlock> blocks = new BlockPlanner(false, 0).plan(channels);
        assertEquals(List.of(new ReadBlock(1, Area.HOLDING_REGISTER, 10, 1, List.of(0)),
            new ReadBlock(1, Area.HOLDING_REGISTER, 11, 2, List.of(1))), blocks);
    }

    @Test
    void splitsAtAGapLargerThanAllowedAndBridgesASmallerOne() {
        List<ModbusChannel> channels = List.of(
            register("a", 1, Area.INPUT_REGISTER, 0, DataType.UINT16),
            register("b", 1, Area.INPUT_REGISTER, 3, DataType.UINT16),
            register("c", 1, Area.INPUT_REGISTER, 10, DataType.UINT16));
        assertEquals(3, new BlockPlanner(true, 0).plan(channels).size());
        List<ReadBlock> bridged = new BlockPlanner(true, 2).plan(channels);
        assertEquals(List.of(new ReadBlock(1, Area.INPUT_REGISTER, 0, 4, List.of(0, 1)),
            new ReadBlock(1, Area.INPUT_REGISTER, 10, 1, List.of(2))), bridged);
    }

    @Test
    void neverMergesAcrossUnitsOrAreas() {
        List<ModbusChannel> channels = List.of(
            register("a", 1, Area.HOLDING_REGISTER, 0, DataType.UINT16),
            register("b", 2, Area.HOLDING_REGISTER, 1, DataType.UINT16),
            register("c", 1, Area.INPUT_REGISTER, 1, DataType.UINT16));
        List<ReadBlock> blocks = new BlockPlanner(true, 10).plan(channels);
        assertEquals(3, blocks.size());
        assertEquals(List.of(List.of(0), List.of(2), List.of(1)), blocks.stream().map(ReadBlock::members).toList());
    }

    @Test
    void respectsTheProtocolLimitOf125Registers() {
        List<ModbusChannel> channels = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            channels.add(register("r" + i, 1, Area.HOLDING_REGISTER, i, DataType.UINT16));
        }
        List<ReadBlock> blocks = new BlockPlanner(true, 0).plan(channels);
        assertEquals(List.of(125, 125, 50), blocks.stream().map(ReadBlock::count).toList());
        assertEquals(List.of(0, 125, 250), blocks.stream().map(ReadBlock::start).toList());
    }

    @Test
    void aMultiWordValueIsNeverSplitAtTheLimit() {
        List<ModbusChannel> channels = List.of(
            register("a", 1, Area.HOLDING_REGISTER, 0, DataType.UINT16),
            register("b", 1, Area.HOLDING_REGISTER, 123, DataType.FLOAT32));
        List<ReadBlock> blocks = new BlockPlanner(true, 200).plan(channels);
        assertEquals(List.of(new ReadBlock(1, Area.HOLDING_REGISTER, 0, 125, List.of(0, 1))), blocks);
        List<ReadBlock> over = new BlockPlanner(true, 200).plan(List.of(channels.get(0),
            register("c", 1, Area.HOLDING_REGISTER, 124, DataType.FLOAT32)));
        assertEquals(List.of(1, 2), over.stream().map(ReadBlock::count).toList());
    }

    @Test
    void respectsTheProtocolLimitOf2000Coils() {
        List<ModbusChannel> channels = new ArrayList<>();
        for (int i = 0; i < 2001; i++) {
            channels.add(new ModbusChannel("c" + i, 1, Area.COIL, i, DataType.BOOL, WordOrder.BIG, io.outpost.api.data.ValueType.BOOLEAN));
        }
        assertEquals(List.of(2000, 1), new BlockPlanner(true, 0).plan(channels).stream().map(ReadBlock::count).toList());
    }

    @Test
    void overlappingAndUnorderedChannelsShareABlock() {
        List<ModbusChannel> channels = List.of(
            register("hi", 1, Area.HOLDING_REGISTER, 5, DataType.UINT16),
            register("whole", 1, Area.HOLDING_REGISTER, 4, DataType.INT32),
            register("lo", 1, Area.HOLDING_REGISTER, 4, DataType.UINT16));
        assertEquals(List.of(new ReadBlock(1, Area.HOLDING_REGISTER, 4, 2, List.of(2, 1, 0))),
            new BlockPlanner(true, 0).plan(channels));
    }
}
