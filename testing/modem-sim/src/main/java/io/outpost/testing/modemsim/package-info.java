/**
 * Simulated modems for tests and demos: {@link io.outpost.testing.modemsim.CellularModemSim} (3GPP TS 27.007 and
 * 27.005 text-mode SMS) and {@link io.outpost.testing.modemsim.SbdModemSim} (Iridium SBD). Each speaks on one end
 * of a pseudo-terminal pair made by socat, records what it received, and takes scripted faults. Not for
 * production: a test-support bundle.
 */
@Version("1.0.0")
@Export
package io.outpost.testing.modemsim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
