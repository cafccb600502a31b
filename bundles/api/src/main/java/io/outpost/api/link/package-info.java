/**
 * The transport SPI: a {@link io.outpost.api.link.Link} carries messages to HQ (wired MQTT, cellular,
 * satellite) and confirms each delivery. The outbox keeps a message until its link confirms it.
 *
 * <p>1.2: {@link io.outpost.api.link.OutboundMessage} carries the epoch of its store beside its id (the old
 * two-argument constructor stays and means no epoch).
 *
 * <p>1.3: {@link io.outpost.api.link.LinkDescriptor} (kind, {@link io.outpost.api.link.LinkCost}, monthly budget,
 * allowed message classes, priority) as service properties beside {@link io.outpost.api.link.Link#ID}, so a router
 * can weigh links without knowing their bundles. Additive; links that do not publish one are not described.
 */
@Version("1.3.0")
@Export
package io.outpost.api.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
