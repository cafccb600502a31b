/**
 * The data model: typed values and the immutable {@link io.outpost.api.data.Reading} that flows from
 * drivers through the sampler and filter to the upstream links.
 */
@Version("1.0.0")
@Export
package io.outpost.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
