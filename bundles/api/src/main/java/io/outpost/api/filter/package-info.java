/**
 * What the threshold filter counts: readings in, values out by class, suppressed readings and the bytes the
 * filter saved, per channel and in total. The {@link io.outpost.api.filter.FilterStatistics} service is read
 * by the shell command, the web console and remote management.
 */
@Version("1.0.0")
@Export
package io.outpost.api.filter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
