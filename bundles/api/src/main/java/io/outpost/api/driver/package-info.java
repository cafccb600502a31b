/**
 * The driver SPI. A driver bundle registers one {@link io.outpost.api.driver.Driver} service per protocol;
 * each configured device gets its own {@link io.outpost.api.driver.DeviceConnection} from it.
 * Concepts follow Eclipse Kura's driver and channel model (channel descriptors, channel records, channel
 * listeners) so that Kura developers feel at home.
 */
@Version("1.0.0")
@Export
package io.outpost.api.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
