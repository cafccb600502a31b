/**
 * Configured devices as services: their state, channels and last readings, and on-demand read and write.
 * Operator commands, the web console and remote management use these.
 * 1.1: {@link io.outpost.api.device.DeviceState#warnings()} names configuration mistakes that did not stop a device.
 */
@Version("1.1.0")
@Export
package io.outpost.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
