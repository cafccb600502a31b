package io.outpost.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.data.ValueType;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.driver.ChannelType;

class ScalingTest {

    private static ChannelDescriptor channel(ValueType type, double scale, double offset) {
        return new ChannelDescriptor("c", ChannelType.READ_WRITE, type, "", scale, offset, true, Map.of());
    }

    @Test
    void identityScalingOfTheRightTypePassesTheValueThrough() {
        Value raw = Value.of(42);
        assertSame(raw, Scaling.toEngineering(channel(ValueType.INT32, 1, 0), raw));
    }

    @Test
    void rawTimesScalePlusOffsetInTheChannelType() {
        assertEquals(Value.of(21.5), Scaling.toEngineering(channel(ValueType.DOUBLE, 0.1, 0), Value.of(215)));
        assertEquals(Value.of(-40.0f + 100 * 0.5f), Scaling.toEngineering(channel(ValueType.FLOAT, 0.5, -40), Value.of(100)));
        assertEquals(Value.of(3), Scaling.toEngineering(channel(ValueType.INT32, 1, 0), Value.of(2.6)));
    }

    @Test
    void writesReverseTheScaling() {
        ChannelDescriptor c = channel(ValueType.DOUBLE, 0.1, 5);
        Value engineering = Value.of(26.5);
        Value raw = Scaling.toRaw(c, engineering);
        assertEquals(215.0, raw.asDouble(), 1e-9);
        assertEquals(26.5, Scaling.toEngineering(c, raw).asDouble(), 1e-9);
    }
}
