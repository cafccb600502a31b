/**
 * What the durable outbox tells operators: {@link io.outpost.api.outbox.OutboxStatistics} gives a consistent
 * {@link io.outpost.api.outbox.OutboxSnapshot} of the store (depth, age, bytes, drops, refusals, deliveries)
 * and of every link it delivers through, and names what is degraded (the disk). 1.1: {@code unwrittenBytes}, {@code degraded}.
 */
@Version("1.1.0")
@Export
package io.outpost.api.outbox;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
