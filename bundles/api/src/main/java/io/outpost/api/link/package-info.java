/**
 * The transport SPI: a {@link io.outpost.api.link.Link} carries messages to HQ (wired MQTT, cellular,
 * satellite) and confirms each delivery. The outbox keeps a message until its link confirms it.
 */
@Version("1.1.0")
@Export
package io.outpost.api.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
