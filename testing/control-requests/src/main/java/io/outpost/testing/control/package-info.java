/** Test material for the remote-management tests: well-formed and malformed control requests. */
@Version("1.0.0")
@Export
package io.outpost.testing.control;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
