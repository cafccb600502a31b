/**
 * Over-the-air updates, read side: the {@link io.outpost.api.ota.OtaService} tells what the gateway is doing with
 * an update ({@link io.outpost.api.ota.OtaJob}, its {@link io.outpost.api.ota.OtaState} and progress) and which
 * packages it installed ({@link io.outpost.api.ota.InstalledPackage}). A job moves through the states
 * downloading, downloaded, verifying, installing, checking and ends committed, rolled back or failed
 * (docs/ota.md). Starting jobs is done by the OTA bundle's remote API (DEPLOY-V2) and its shell commands.
 */
@Version("1.0.0")
@Export
package io.outpost.api.ota;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
