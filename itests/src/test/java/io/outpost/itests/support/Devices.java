package io.outpost.itests.support;

import java.time.Duration;

import org.osgi.framework.BundleContext;

import io.outpost.api.device.Device;
import io.outpost.api.device.DeviceStatus;

/** Finds the Device services the sampler registers, by name, and waits for a device to reach a status. */
public final class Devices {

    private final BundleContext context;

    public Devices(BundleContext context) {
        this.context = context;
    }

    /** The device service with that name, or null while there is none. */
    public Device named(String name) {
        return Services.find(context, Device.class, "(" + Device.NAME + "=" + name + ")");
    }

    /** The status of the named device, or null while there is no such device service. */
    public DeviceStatus status(String name) {
        Device device = named(name);
        return device == null ? null : device.state().status();
    }

    /** Waits until the named device is registered and in that status, and returns it. */
    public Device await(String name, DeviceStatus status, Duration timeout, String what) {
        Await.until(timeout, what, () -> status(name) == status);
        return named(name);
    }
}
