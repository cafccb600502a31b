package io.outpost.sampler;

import java.util.List;
import java.util.Map;

import io.outpost.api.data.ReadingListener;
import io.outpost.api.driver.Driver;

/**
 * A real {@link SampledDevice}, wired the way DS wires it: constructed from its configuration, its listeners
 * injected, its driver bound, then started. In the sampler's package because those steps are package-private.
 */
public final class PipelineDevice {

    private PipelineDevice() {
    }

    public static SampledDevice start(Map<String, Object> configuration, Driver driver, String driverId, ReadingListener listener) {
        SampledDevice device = new SampledDevice(configuration);
        device.listeners = List.of(listener);
        device.bindDriver(driver, Map.of(Driver.ID, driverId));
        device.start();
        return device;
    }

    public static void stop(SampledDevice device) {
        device.deactivate();
    }
}
