package io.outpost.ota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Version;

/**
 * What a package holds, read from its file after the signature check. A package is either an OSGi deployment
 * package (a JAR whose manifest has {@code DeploymentPackage-SymbolicName} and {@code -Version}, with bundle JARs as
 * entries) or one bundle (a JAR whose manifest has {@code Bundle-SymbolicName}). Bundles are extracted to a staging
 * folder. Resource processors and customizers of deployment packages are not supported: such a package is refused.
 *
 * @param name    the package's symbolic name
 * @param version its version
 * @param bundles its bundles, in the package's order
 */
record PackageContents(String name, String version, List<StagedBundle> bundles) {

    /** One bundle of a package, extracted to {@code file}. */
    record StagedBundle(String symbolicName, String version, boolean fragment, Path file) {
    }

    PackageContents {
        bundles = List.copyOf(bundles);
    }

    static PackageContents read(Path packageFile, Path stagingDir) throws IOException {
        Files.createDirectories(stagingDir);
        Manifest manifest;
        try (JarFile jar = new JarFile(packageFile.toFile(), false)) {
            manifest = jar.getManifest();
        } catch (IOException e) {
            throw new IOException("the package is not a JAR: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new IOException("the package has no manifest");
        }
        Attributes main = manifest.getMainAttributes();
        String dpName = main.getValue("DeploymentPackage-SymbolicName");
        if (dpName == null) {
            StagedBundle bundle = bundleOf(main, "the package");
            Path staged = stagingDir.resolve(bundle.symbolicName() + ".jar");
            Files.copy(packageFile, staged, StandardCopyOption.REPLACE_EXISTING);
            StagedBundle placed = new StagedBundle(bundle.symbolicName(), bundle.version(), bundle.fragment(), staged);
            return new PackageContents(bundle.symbolicName(), bundle.version(), List.of(placed));
        }
        String dpVersion = main.getValue("DeploymentPackage-Version");
        if (dpVersion == null) {
            throw new IOException("the deployment package has no DeploymentPackage-Version");
        }
        if (main.getValue("DeploymentPackage-FixPack") != null) {
            throw new IOException("fix packs (DeploymentPackage-FixPack) are not supported: send the whole package");
        }
        List<StagedBundle> bundles = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(packageFile), false)) {
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                Attributes section = manifest.getAttributes(entry.getName());
                if (section != null && section.getValue("Resource-Processor") != null) {
                    throw new IOException("resource '" + entry.getName() + "' needs a resource processor, which is not supported");
                }
                if (section == null || section.getValue("Bundle-SymbolicName") == null) {
                    throw new IOException("entry '" + entry.getName() + "' is neither a bundle named in the manifest nor supported");
                }
                Path staged = stagingDir.resolve("bundle-" + bundles.size() + ".jar");
                try (InputStream body = new NonClosing(in)) {
                    Files.copy(body, staged, StandardCopyOption.REPLACE_EXISTING);
                }
                Manifest own;
                try (JarFile bundleJar = new JarFile(staged.toFile(), false)) {
                    own = bundleJar.getManifest();
                } catch (IOException e) {
                    throw new IOException("entry '" + entry.getName() + "' is not a JAR: " + e.getMessage(), e);
                }
                if (own == null) {
                    throw new IOException("entry '" + entry.getName() + "' has no manifest");
                }
                StagedBundle bundle = bundleOf(own.getMainAttributes(), "entry '" + entry.getName() + "'");
                if (!bundle.symbolicName().equals(section.getValue("Bundle-SymbolicName").split(";")[0].strip())) {
                    throw new IOException("entry '" + entry.getName() + "' is bundle " + bundle.symbolicName()
                        + " but the package manifest says " + section.getValue("Bundle-SymbolicName"));
                }
                if (!names.add(bundle.symbolicName())) {
                    throw new IOException("bundle " + bundle.symbolicName() + " is twice in the package");
                }
                bundles.add(new StagedBundle(bundle.symbolicName(), bundle.version(), bundle.fragment(), staged));
            }
        }
        if (bundles.isEmpty()) {
            throw new IOException("the deployment package holds no bundle");
        }
        return new PackageContents(dpName.split(";")[0].strip(), Version.parseVersion(dpVersion.strip()).toString(), bundles);
    }

    private static StagedBundle bundleOf(Attributes attributes, String what) throws IOException {
        String bsn = attributes.getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw new IOException(what + " is neither a deployment package nor a bundle (no Bundle-SymbolicName)");
        }
        String version;
        try {
            version = Version.parseVersion(attributes.getValue("Bundle-Version")).toString();
        } catch (IllegalArgumentException e) {
            throw new IOException(what + " has a malformed Bundle-Version: " + e.getMessage());
        }
        return new StagedBundle(bsn.split(";")[0].strip(), version, attributes.getValue("Fragment-Host") != null, null);
    }

    /** Lets Files.copy read one JAR entry without closing the whole stream. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
