package io.outpost.api.device;

import java.util.List;
import java.util.Objects;

/**
 * A device's status, a human-readable detail, and the configuration warnings that did not stop it (an unknown key
 * that nothing reads, a channel left out for a bad value), each naming the device and the key.
 *
 * @param status   where the device stands
 * @param detail   why, or what it runs with; never null
 * @param warnings configuration mistakes found, in the order found; never null
 */
public record DeviceState(DeviceStatus status, String detail, List<String> warnings) {

    public DeviceState {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
        warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }

    /** A state without configuration warnings. */
    public DeviceState(DeviceStatus status, String detail) {
        this(status, detail, List.of());
    }
}
