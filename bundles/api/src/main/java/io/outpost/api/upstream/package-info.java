/**
 * What goes upstream: {@link io.outpost.api.upstream.UpstreamMessage}s with a
 * {@link io.outpost.api.upstream.MessageClass}, handed to the {@link io.outpost.api.upstream.Upstream}
 * service (the MQTT publisher now; the durable outbox and router later).
 */
@Version("1.0.0")
@Export
package io.outpost.api.upstream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
