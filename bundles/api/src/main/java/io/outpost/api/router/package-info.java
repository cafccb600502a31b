/**
 * The router: which link carries which message. A {@link io.outpost.api.router.Router} publishes a
 * {@link io.outpost.api.router.RoutingTable} (per message class, the links that may carry it, in the order they
 * should be tried) and is told every confirmed and failed delivery, so it accounts usage and fails over. The outbox
 * sends on every link at once, each link taking only the messages the table routes to it.
 * {@link io.outpost.api.router.LinkOverview} gives operators each link's state, signal, usage and budget this
 * billing month ({@link io.outpost.api.router.LinkUsage}).
 *
 * <p>Words: a link is <em>healthy</em> when it is up or degraded, not failing, and (except for alarms) inside its
 * time windows; <em>within budget</em> when what it cost this billing month is below its monthly budget, or its use
 * costs nothing beyond a flat fee.
 */
@Version("1.0.0")
@Export
package io.outpost.api.router;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
