package io.outpost.api.device;

import java.util.Objects;

/** A device's status and a human-readable detail. */
public record DeviceState(DeviceStatus status, String detail) {

    public DeviceState {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }
}
