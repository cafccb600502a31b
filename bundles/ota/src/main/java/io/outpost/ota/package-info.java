/**
 * Over-the-air updates of OSGi bundles. One room per concern, as in the outbox: {@link io.outpost.ota.PackageDownloader}
 * owns the network (HTTP/HTTPS, Range resume), {@link io.outpost.ota.InstallJournal} the journal file that makes every
 * step survive a kill -9, {@link io.outpost.ota.PackageContents} reads a package, {@link io.outpost.ota.PackageInstaller}
 * changes bundles and puts the previous ones back, {@link io.outpost.ota.PackageHealth} decides whether the new version
 * is healthy, and {@link io.outpost.ota.UpdateJobs} runs one job at a time through the states of
 * {@link io.outpost.api.ota.OtaState}. {@link io.outpost.ota.DeployV2Handler} is the Kura-compatible remote API and
 * {@link io.outpost.ota.OtaCommands} the local one; both go through the same verification and health check.
 * Words: a <em>package</em> is what is signed and installed (a deployment package or one bundle); a <em>job</em> is one
 * attempt to install or remove one; <em>refused</em> means nothing was changed on the gateway.
 */
package io.outpost.ota;
