package io.outpost.driver.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans the read requests for a set of channels. With merging on, channels of the same unit and area whose
 * addresses are neighbours (at most {@code maxGap} unused addresses apart) share one request, as long as it
 * stays within the protocol limit (125 registers, 2000 bits). With merging off, every channel is its own request.
 */
final class BlockPlanner {

    private final boolean merge;
    private final int maxGap;

    BlockPlanner(boolean merge, int maxGap) {
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap must not be negative");
        }
        this.merge = merge;
        this.maxGap = maxGap;
    }

    /** The requests, ordered by unit, area and start address. */
    List<ReadBlock> plan(List<ModbusChannel> channels) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingInt(i -> channels.get(i).unitId())
            .thenComparing(i -> channels.get(i).area())
            .thenComparingInt(i -> channels.get(i).address())
            .thenComparingInt(i -> channels.get(i).lastAddress()));
        List<ReadBlock> blocks = new ArrayList<>();
        Open open = null;
        for (int index : order) {
            ModbusChannel channel = channels.get(index);
            if (open != null && merge && open.accepts(channel, maxGap)) {
                open.add(index, channel);
            } else {
                if (open != null) {
                    blocks.add(open.close());
                }
                open = new Open(channel, index);
            }
        }
        if (open != null) {
            blocks.add(open.close());
        }
        return List.copyOf(blocks);
    }

    /** A block being grown. */
    private static final class Open {
        private final int unitId;
        private final Area area;
        private final int start;
        private int end;
        private final List<Integer> members = new ArrayList<>();

        Open(ModbusChannel first, int index) {
            unitId = first.unitId();
            area = first.area();
            start = first.address();
            end = first.lastAddress();
            members.add(index);
        }

        boolean accepts(ModbusChannel channel, int maxGap) {
            return channel.unitId() == unitId && channel.area() == area
                && channel.address() <= (long) end + 1 + maxGap
                && Math.max(end, channel.lastAddress()) - start + 1 <= area.maxReadCount();
        }

        void add(int index, ModbusChannel channel) {
            end = Math.max(end, channel.lastAddress());
            members.add(index);
        }

        ReadBlock close() {
            return new ReadBlock(unitId, area, start, end - start + 1, members);
        }
    }
}
