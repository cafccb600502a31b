package io.outpost.api.ota;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** What the gateway's over-the-air update service is doing and has done. Cheap to call; never blocks. */
@ProviderType
public interface OtaService {

    /** The job that is running now (not in a final state), if any. */
    Optional<OtaJob> currentJob();

    /** The most recent job, running or finished (survives restarts), if there was one. */
    Optional<OtaJob> lastJob();

    /** The packages installed and committed by this service, by name. */
    List<InstalledPackage> installedPackages();
}
