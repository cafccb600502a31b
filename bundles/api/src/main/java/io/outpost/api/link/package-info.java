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
 *
 * <p>1.4: {@link io.outpost.api.link.LinkState#DEGRADED}; signal quality in {@link io.outpost.api.link.LinkStatus};
 * three delivery outcomes (confirmed, failed, {@link io.outpost.api.link.DoesNotFitException does not fit this
 * link}); {@link io.outpost.api.link.Link#wireSize} gives a message's size on that link before it is chosen;
 * optional daily {@link io.outpost.api.link.TimeWindow}s in the descriptor.
 */
@Version("1.4.0")
@Export
package io.outpost.api.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
