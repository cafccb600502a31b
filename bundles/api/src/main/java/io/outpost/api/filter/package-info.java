/**
 * What the threshold filter counts: readings in, values out by class, suppressed readings and the bytes the
 * filter saved, per channel and in total; what became of each rule configuration (in force, refused, unknown
 * keys); alarm transitions not yet durable and messages held while no upstream is bound. The {@link io.outpost.api.filter.FilterStatistics} service is read
 * by the shell command, the web console and remote management.
 */
@Version("1.1.0")
@Export
package io.outpost.api.filter;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
