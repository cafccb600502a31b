/**
 * Configured devices as services: their state, channels and last readings, and on-demand read and write.
 * Operator commands, the web console and remote management use these.
 */
@Version("1.0.0")
@Export
package io.outpost.api.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
