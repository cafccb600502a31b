/**
 * Checking a configuration before it is applied. A bundle whose component refuses wrong configurations registers a
 * {@link io.outpost.api.config.ConfigurationValidator} for its (factory) PID that gives the same refusal messages its
 * component logs; the web console's configuration forms show them and do not save the configuration.
 */
@Version("1.0.0")
@Export
package io.outpost.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
