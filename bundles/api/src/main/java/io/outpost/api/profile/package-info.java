/**
 * Cloud profiles: how messages look on the wire (topics and payloads). {@code kura} (Kapua-compatible)
 * is the default; {@code sparkplug} is the second.
 */
@Version("1.1.0")
@Export
package io.outpost.api.profile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
