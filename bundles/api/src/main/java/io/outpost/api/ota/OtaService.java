package io.outpost.api.ota;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the gateway's over-the-air update service is doing and has done, and a local install. The read methods are
 * cheap and never block.
 */
@ProviderType
public interface OtaService {

    /** The job that is running now (not in a final state), if any. */
    Optional<OtaJob> currentJob();

    /** The most recent job, running or finished (survives restarts), if there was one. */
    Optional<OtaJob> lastJob();

    /** The packages installed and committed by this service, by name. */
    List<InstalledPackage> installedPackages();

    /**
     * Installs a package from a local file, through the same signature check, install, health check and rollback
     * as a package from HQ (the shell's {@code outpost:ota install <file>} does the same). The service takes its own
     * copy of the file before it returns, so the caller may delete the file then. Returns at once; follow the job in
     * {@link #lastJob()}.
     *
     * @param packageFile   a deployment package or a single bundle
     * @param signatureText the text of its detached signature ({@code .sig} file); empty when there is none, and
     *                      then the job is refused as {@code unsigned}
     * @return the accepted job's id, or why nothing was started (another job runs, the file cannot be read)
     * @since 1.1
     */
    InstallRequest install(Path packageFile, String signatureText);
}
