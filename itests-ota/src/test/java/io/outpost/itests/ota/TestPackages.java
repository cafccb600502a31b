package io.outpost.itests.ota;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Enumeration;
import java.util.Map;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import io.outpost.ota.signing.PackageDigest;
import io.outpost.ota.signing.PackageSigner;

/** Packages built for the test: bundles written here (manifest and a filler resource) and signed with the test's keys. */
final class TestPackages {

    static final String PROBE = "io.outpost.itests.ota.probe";

    private TestPackages() {
    }

    /** A bundle without code; {@code fillerBytes} of random, stored (uncompressed) data make it the size wanted. */
    static byte[] bundle(String symbolicName, String version, int fillerBytes, Map<String, String> headers) throws IOException {
        return bundle(symbolicName, version, fillerBytes, headers, Map.of());
    }

    static byte[] bundle(String symbolicName, String version, int fillerBytes, Map<String, String> headers, Map<String, byte[]> entries)
        throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        headers.forEach(a::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, m)) {
            byte[] filler = new byte[fillerBytes];
            new Random(version.hashCode()).nextBytes(filler);
            JarEntry entry = new JarEntry("filler.bin");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(filler.length);
            CRC32 crc = new CRC32();
            crc.update(filler);
            entry.setCrc(crc.getValue());
            jar.putNextEntry(entry);
            jar.write(filler);
            jar.closeEntry();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * A probe whose one DS component waits for a service nobody provides, so SCR reports it unsatisfied for ever and
     * the health check fails at its deadline. The XML is a test fixture (a package from "HQ"), not Outpost code.
     */
    static byte[] neverHealthy(String version, int fillerBytes) throws IOException {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"probe.waiting\" immediate=\"true\">\n"
            + "  <implementation class=\"io.outpost.itests.ota.NeverLoaded\"/>\n"
            + "  <reference name=\"nobody\" interface=\"io.outpost.itests.ota.NobodyProvidesThis\" cardinality=\"1..1\"/>\n"
            + "</scr:component>\n";
        return bundle(PROBE, version, fillerBytes, Map.of("Service-Component", "OSGI-INF/probe.xml"),
            Map.of("OSGI-INF/probe.xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * A probe with code: its activator registers a Felix {@code HealthCheck} ({@code critical.CriticalCheck}, compiled
     * with the test sources and copied in here) that always answers CRITICAL.
     */
    static byte[] criticalHealthCheck(String version, int fillerBytes) throws IOException {
        String classFile = "io/outpost/itests/ota/critical/CriticalCheck.class";
        byte[] code;
        try (InputStream in = TestPackages.class.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IOException(classFile + " is not on the test class path");
            }
            code = in.readAllBytes();
        }
        return bundle(PROBE, version, fillerBytes, Map.of(
                "Bundle-Activator", "io.outpost.itests.ota.critical.CriticalCheck",
                "Import-Package", "org.apache.felix.hc.api;version=\"[2.0,3)\",org.osgi.framework;version=\"[1.8,2)\""),
            Map.of(classFile, code));
    }

    static byte[] probe(String version, int fillerBytes) throws IOException {
        return bundle(PROBE, version, fillerBytes, Map.of());
    }

    /** A copy of a bundle JAR with another Bundle-Version: the same code, a new version to update to. */
    static byte[] withVersion(Path jar, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, m)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (e.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    try (InputStream body = in.getInputStream(e)) {
                        body.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    static String sign(byte[] content, KeyPair key, Path scratch) throws IOException {
        Path file = Files.createTempFile(scratch, "pkg", ".jar");
        Files.write(file, content);
        String text = new PackageSigner(key.getPrivate(), key.getPublic()).sign(file).toText();
        Files.delete(file);
        return text;
    }

    static byte[] sha256(byte[] content, Path scratch) throws IOException {
        Path file = Files.createTempFile(scratch, "pkg", ".jar");
        Files.write(file, content);
        byte[] digest = PackageDigest.sha256(file);
        Files.delete(file);
        return digest;
    }
}
