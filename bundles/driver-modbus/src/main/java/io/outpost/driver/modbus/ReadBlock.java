package io.outpost.driver.modbus;

import java.util.List;

/**
 * One read request: {@code count} items of one area of one unit from {@code start}, and the channels it serves
 * (as indexes into the list the planner was given).
 */
record ReadBlock(int unitId, Area area, int start, int count, List<Integer> members) {

    ReadBlock {
        members = List.copyOf(members);
    }

    int end() {
        return start + count - 1;
    }
}
