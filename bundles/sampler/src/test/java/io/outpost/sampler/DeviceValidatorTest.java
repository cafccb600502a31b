package io.outpost.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeviceValidatorTest {

    @Test
    void refusesADeviceWithoutDriverWithTheSamplersMessage() {
        assertEquals(List.of("device 'plc1': 'driver' is missing"), new DeviceValidator().refusals("x", Map.of("name", "plc1")));
    }

    @Test
    void acceptsADeviceWhoseProblemsOnlyFallBackToDefaults() {
        assertEquals(List.of(), new DeviceValidator().refusals("x", Map.of("name", "sim2", "driver", "sim", "pollMillis", "5")));
    }
}
