/**
 * The transport SPI: a {@link io.outpost.api.link.Link} carries messages to HQ (wired MQTT, cellular,
 * satellite) and confirms each delivery. The outbox keeps a message until its link confirms it.
 *
 * <p>1.2: {@link io.outpost.api.link.OutboundMessage} carries the epoch of its store beside its id (the old
 * two-argument constructor stays and means no epoch).
 */
@Version("1.2.0")
@Export
package io.outpost.api.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
