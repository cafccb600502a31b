/**
 * Cloud profiles: how messages look on the wire (topics and payloads). {@code kura} (Kapua-compatible)
 * is the default; {@code sparkplug} is the second. Inbound, a profile decodes what arrives on the control filter
 * into {@link io.outpost.api.profile.ControlMessage}s.
 */
@Version("1.2.0")
@Export
package io.outpost.api.profile;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
