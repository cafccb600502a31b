package io.outpost.api.ota;

import java.util.List;
import java.util.Objects;

/**
 * A package the OTA service installed and committed. Immutable.
 *
 * @param name              the package name
 * @param version           its version
 * @param bundles           its bundles
 * @param committedAtMillis epoch millis of the commit
 */
public record InstalledPackage(String name, String version, List<PackageBundle> bundles, long committedAtMillis) {

    public InstalledPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        bundles = List.copyOf(bundles);
    }

    /** One bundle of a package: its symbolic name and version as installed. */
    public record PackageBundle(String symbolicName, String version) {
        public PackageBundle {
            Objects.requireNonNull(symbolicName, "symbolicName");
            Objects.requireNonNull(version, "version");
        }
    }
}
