/**
 * Over-the-air updates: the {@link io.outpost.api.ota.OtaService} tells what the gateway is doing with
 * an update ({@link io.outpost.api.ota.OtaJob}, its {@link io.outpost.api.ota.OtaState} and progress) and which
 * packages it installed ({@link io.outpost.api.ota.InstalledPackage}). A job moves through the states
 * downloading, downloaded, verifying, installing, checking and ends committed, rolled back or failed
 * (docs/ota.md). Jobs are started by the OTA bundle's remote API (DEPLOY-V2), its shell commands, and
 * {@link io.outpost.api.ota.OtaService#install} (a local file, as the web console's upload does); the answer to that
 * is an {@link io.outpost.api.ota.InstallRequest}.
 */
@Version("1.1.0")
@Export
package io.outpost.api.ota;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
