/**
 * What goes upstream: {@link io.outpost.api.upstream.UpstreamMessage}s with a
 * {@link io.outpost.api.upstream.MessageClass}, handed to the {@link io.outpost.api.upstream.Upstream}
 * service (the durable outbox), which answers each one asynchronously with an {@link io.outpost.api.upstream.Acknowledgement}.
 */
@Version("2.0.0")
@Export
package io.outpost.api.upstream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
