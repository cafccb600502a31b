package io.outpost.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageContentsTest {

    @TempDir
    Path dir;

    static byte[] bundle(String bsn, String version) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        m.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write(bsn.getBytes());
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }

    static void deploymentPackage(Path file, String name, String version, String... bundles) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("DeploymentPackage-SymbolicName", name);
        m.getMainAttributes().putValue("DeploymentPackage-Version", version);
        for (int i = 0; i < bundles.length; i += 2) {
            Attributes a = new Attributes();
            a.putValue("Bundle-SymbolicName", bundles[i]);
            a.putValue("Bundle-Version", bundles[i + 1]);
            m.getEntries().put("bundles/" + bundles[i] + ".jar", a);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            for (int i = 0; i < bundles.length; i += 2) {
                jar.putNextEntry(new JarEntry("bundles/" + bundles[i] + ".jar"));
                jar.write(bundle(bundles[i], bundles[i + 1]));
                jar.closeEntry();
            }
        }
    }

    @Test
    void aDeploymentPackageListsItsBundlesInOrder() throws IOException {
        Path dp = dir.resolve("p.dp");
        deploymentPackage(dp, "io.outpost.pkg.test", "1.1", "a.one", "1.0.0", "b.two", "2.1.0");

        PackageContents contents = PackageContents.read(dp, dir.resolve("stage"));

        assertEquals("io.outpost.pkg.test", contents.name());
        assertEquals("1.1.0", contents.version());
        assertEquals(2, contents.bundles().size());
        assertEquals("b.two", contents.bundles().get(1).symbolicName());
        assertEquals("2.1.0", contents.bundles().get(1).version());
        assertTrue(Files.size(contents.bundles().get(0).file()) > 0);
    }

    @Test
    void aSingleBundleIsAPackageOfOne() throws IOException {
        Path jar = dir.resolve("b.jar");
        Files.write(jar, bundle("io.outpost.driver.sim", "1.2.3"));

        PackageContents contents = PackageContents.read(jar, dir.resolve("stage"));

        assertEquals("io.outpost.driver.sim", contents.name());
        assertEquals(1, contents.bundles().size());
    }

    @Test
    void somethingElseIsRefusedSayingWhy() throws IOException {
        Path junk = dir.resolve("junk.dp");
        Files.writeString(junk, "not a jar");
        IOException e = assertThrows(IOException.class, () -> PackageContents.read(junk, dir.resolve("stage")));
        assertTrue(e.getMessage().contains("not a JAR"), e.getMessage());
    }
}
