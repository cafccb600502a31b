package io.outpost.itests.webconsole;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import io.outpost.ota.signing.PackageSigner;

/**
 * Small bundles for the upload test (a manifest and some random bytes, no code), signed with the Outpost signer
 * ({@code bundles/ota-signer}) as HQ signs packages: the detached signature goes to {@code <file>.sig}.
 */
final class ProbeBundles {

    static final String SYMBOLIC_NAME = "io.outpost.itests.webconsole.probe";

    private ProbeBundles() {
    }

    static Path write(Path folder, String version, int fillerBytes) throws IOException {
        return write(folder, version, fillerBytes, false);
    }

    /**
     * A probe whose one DS component waits for a service nobody provides: SCR keeps it unsatisfied, so the OTA health
     * check fails at its deadline and the package is rolled back. The XML is a test fixture, not Outpost code.
     */
    static Path neverHealthy(Path folder, String version) throws IOException {
        return write(folder, version, 1000, true);
    }

    private static Path write(Path folder, String version, int fillerBytes, boolean unsatisfiable) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        a.putValue("Bundle-Version", version);
        if (unsatisfiable) {
            a.putValue("Service-Component", "OSGI-INF/probe.xml");
        }
        Files.createDirectories(folder);
        Path file = folder.resolve("probe-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            byte[] filler = new byte[fillerBytes];
            new Random(version.hashCode()).nextBytes(filler);
            jar.putNextEntry(new JarEntry("filler.bin"));
            jar.write(filler);
            jar.closeEntry();
            if (unsatisfiable) {
                jar.putNextEntry(new JarEntry("OSGI-INF/probe.xml"));
                jar.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"probe.waiting\" immediate=\"true\">\n"
                    + "  <implementation class=\"io.outpost.itests.webconsole.NeverLoaded\"/>\n"
                    + "  <reference name=\"nobody\" interface=\"io.outpost.itests.webconsole.NobodyProvidesThis\" cardinality=\"1..1\"/>\n"
                    + "</scr:component>\n").getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** Signs {@code file} with {@code key}; returns the {@code .sig} file written beside it. */
    static Path sign(Path file, KeyPair key) throws IOException {
        Path sig = file.resolveSibling(file.getFileName() + ".sig");
        Files.writeString(sig, new PackageSigner(key.getPrivate(), key.getPublic()).sign(file).toText(), StandardCharsets.US_ASCII);
        return sig;
    }
}
