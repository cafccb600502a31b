package io.outpost.api.device;

/** Where a configured device stands. */
public enum DeviceStatus {
    /** The driver it names is not installed (yet); the device is parked, not failed. */
    WAITING_FOR_DRIVER,
    /** Connected through its driver and being sampled. */
    RUNNING,
    /** Its configuration or its driver refused it; the detail says why. */
    FAILED
}
