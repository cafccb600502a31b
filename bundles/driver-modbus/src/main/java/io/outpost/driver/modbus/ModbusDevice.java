package io.outpost.driver.modbus;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelRecord;
import io.outpost.api.driver.DeviceConnection;

/**
 * One Modbus device: reads channels in planned blocks and writes coils and holding registers. A line failure
 * drops the connection and gives BAD records; the next poll connects again, once. Logs only when the line
 * goes down or comes back, never per reading.
 */
final class ModbusDevice implements DeviceConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusDevice.class);

    private final String name;
    private final ModbusLine line;
    private final BlockPlanner planner;
    private final Clock clock;
    private final Map<ChannelDescriptor, Object> parsed = new HashMap<>();
    private boolean down;

    ModbusDevice(String name, ModbusLine line, BlockPlanner planner, Clock clock) {
        this.name = name;
        this.line = line;
        this.planner = planner;
        this.clock = clock;
    }

    @Override
    public List<ChannelRecord> read(List<ChannelDescriptor> channels) {
        ChannelRecord[] out = new ChannelRecord[channels.size()];
        List<ModbusChannel> readable = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            Object channel = parse(channels.get(i));
            if (channel instanceof ModbusChannel c) {
                readable.add(c);
                slots.add(i);
            } else {
                out[i] = ChannelRecord.failed(channels.get(i).name(), (String) channel, clock.millis());
            }
        }
        if (!readable.isEmpty()) {
            String lineProblem = connect();
            for (ReadBlock block : planner.plan(readable)) {
                if (lineProblem == null) {
                    lineProblem = readBlock(block, readable, slots, out);
                } else {
                    fail(block.members(), readable, slots, out, lineProblem);
                }
            }
        }
        return List.of(out);
    }

    /** Reads one block into {@code out}; returns the line problem when the line failed, else null. */
    private String readBlock(ReadBlock block, List<ModbusChannel> channels, List<Integer> slots, ChannelRecord[] out) {
        try {
            if (block.area().isBits()) {
                boolean[] bits = line.readBits(block.unitId(), block.area(), block.start(), block.count());
                long now = clock.millis();
                for (int member : block.members()) {
                    ModbusChannel c = channels.get(member);
                    out[slots.get(member)] = ChannelRecord.ok(c.name(), RegisterCodec.decodeBit(bits[c.address() - block.start()], c.valueType()), now);
                }
            } else {
                int[] words = line.readRegisters(block.unitId(), block.area(), block.start(), block.count());
                long now = clock.millis();
                for (int member : block.members()) {
                    ModbusChannel c = channels.get(member);
                    out[slots.get(member)] = ChannelRecord.ok(c.name(),
                        RegisterCodec.decode(words, c.address() - block.start(), c.dataType(), c.wordOrder(), c.valueType()), now);
                }
            }
            return null;
        } catch (ModbusFault fault) {
            if (fault.isLineFailure()) {
                lineDown(fault);
                fail(block.members(), channels, slots, out, fault.getMessage());
                return fault.getMessage();
            }
            if (block.members().size() > 1) {
                // one bad address should not spoil its neighbours: ask for each channel alone
                for (int member : block.members()) {
                    ModbusChannel c = channels.get(member);
                    ReadBlock alone = new ReadBlock(c.unitId(), c.area(), c.address(), c.dataType().words(), List.of(member));
                    String problem = readBlock(alone, channels, slots, out);
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
            fail(block.members(), channels, slots, out, fault.getMessage());
            return null;
        }
    }

    @Override
    public List<ChannelRecord> write(List<WriteRequest> requests) {
        List<ChannelRecord> results = new ArrayList<>(requests.size());
        String lineProblem = null;
        for (WriteRequest request : requests) {
            String channelName = request.channel().name();
            Object parsedChannel = parse(request.channel());
            if (!(parsedChannel instanceof ModbusChannel c)) {
                results.add(ChannelRecord.failed(channelName, (String) parsedChannel, clock.millis()));
                continue;
            }
            if (!c.area().isWritable()) {
                results.add(ChannelRecord.failed(channelName, "channel '" + channelName + "': area " + c.area().key()
                    + " is read-only, only coil and holding-register channels can be written", clock.millis()));
                continue;
            }
            if (lineProblem == null) {
                lineProblem = connect();
            }
            if (lineProblem != null) {
                results.add(ChannelRecord.failed(channelName, lineProblem, clock.millis()));
                continue;
            }
            try {
                if (c.area() == Area.COIL) {
                    line.writeCoil(c.unitId(), c.address(), request.value().asDouble() != 0);
                } else {
                    line.writeRegisters(c.unitId(), c.address(), RegisterCodec.encode(request.value(), c.dataType(), c.wordOrder()));
                }
                results.add(ChannelRecord.ok(channelName, request.value(), clock.millis()));
            } catch (IllegalArgumentException e) {
                results.add(ChannelRecord.failed(channelName, "channel '" + channelName + "': " + e.getMessage(), clock.millis()));
            } catch (ModbusFault fault) {
                if (fault.isLineFailure()) {
                    lineDown(fault);
                    lineProblem = fault.getMessage();
                }
                results.add(ChannelRecord.failed(channelName, fault.getMessage(), clock.millis()));
            }
        }
        return results;
    }

    /** Opens the line if needed; returns the problem, or null when it is open. */
    private String connect() {
        if (line.isOpen()) {
            return null;
        }
        try {
            line.open();
            if (down) {
                LOG.info("modbus device '{}': {} answers again", name, line.describe());
                down = false;
            }
            return null;
        } catch (ModbusFault fault) {
            lineDown(fault);
            return fault.getMessage();
        }
    }

    private void lineDown(ModbusFault fault) {
        line.close();
        if (!down) {
            LOG.warn("modbus device '{}': {}; reconnecting at the next poll", name, fault.getMessage());
            down = true;
        }
    }

    private void fail(List<Integer> members, List<ModbusChannel> channels, List<Integer> slots, ChannelRecord[] out, String detail) {
        long now = clock.millis();
        for (int member : members) {
            out[slots.get(member)] = ChannelRecord.failed(channels.get(member).name(), detail, now);
        }
    }

    /** The parsed channel, or the problem text; remembered per descriptor. */
    private Object parse(ChannelDescriptor descriptor) {
        return parsed.computeIfAbsent(descriptor, d -> {
            try {
                return ModbusChannel.parse(d);
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
    }

    @Override
    public void close() {
        line.close();
    }
}
