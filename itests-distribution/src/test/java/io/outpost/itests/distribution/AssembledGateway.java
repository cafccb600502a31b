package io.outpost.itests.distribution;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The gateway folder as {@code distribution/gateway} assembled it, read the way Felix main and FileInstall read it:
 * {@code conf/config.properties} names the start-level-1 bundles ({@code felix.auto.start.<level>}), the auto-deploy
 * folder ({@code felix.auto.deploy.dir}, started at {@code felix.startlevel.bundle}) and the framework properties;
 * {@code deploy/} is FileInstall's, through {@code etc/org.apache.felix.fileinstall-deploy.cfg}. Nothing here lists a
 * bundle by name, so a feature that adds one is tested without touching this module.
 */
final class AssembledGateway {

    /**
     * One bundle file of the gateway, its start level (0: FileInstall installs it from deploy/) and whether Felix main
     * starts it (felix.auto.start.N, the auto-deploy folder) or only installs it (felix.auto.install.N).
     */
    record BundleFile(Path file, int startLevel, boolean start) {
        String url() {
            return file.toUri().toString();
        }
    }

    private final Path home;
    private final Properties config;

    AssembledGateway(Path home) {
        this.home = home.toAbsolutePath();
        this.config = new Properties();
        Path file = this.home.resolve("conf/config.properties");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the assembled gateway's " + file, e);
        }
    }

    static AssembledGateway fromSystemProperty() {
        String dir = System.getProperty("outpost.gateway.dir");
        if (dir == null) {
            throw new IllegalStateException("system property outpost.gateway.dir (the assembled gateway folder) is not set");
        }
        return new AssembledGateway(Path.of(dir));
    }

    Path home() {
        return home;
    }

    Path etc() {
        return home.resolve("etc");
    }

    /**
     * Bundles Felix main installs itself: the felix.auto.install.N and felix.auto.start.N lists, then every jar of the
     * auto-deploy folder (started when felix.auto.deploy.action says so).
     */
    List<BundleFile> frameworkBundles() {
        List<BundleFile> bundles = new ArrayList<>();
        for (String key : config.stringPropertyNames().stream().sorted().toList()) {
            boolean start = key.startsWith("felix.auto.start.");
            if (start || key.startsWith("felix.auto.install.")) {
                int level = Integer.parseInt(key.substring(key.lastIndexOf('.') + 1));
                for (String url : config.getProperty(key).trim().split("\\s+")) {
                    bundles.add(new BundleFile(resolveUrl(url), level, start));
                }
            }
        }
        String deployDir = config.getProperty("felix.auto.deploy.dir");
        if (deployDir != null) {
            int level = Integer.parseInt(config.getProperty("felix.startlevel.bundle", "1"));
            boolean start = config.getProperty("felix.auto.deploy.action", "").contains("start");
            jarsIn(home.resolve(deployDir)).forEach(jar -> bundles.add(new BundleFile(jar, level, start)));
        }
        return bundles;
    }

    /** Bundles FileInstall installs from deploy/ (the hot-deploy folder) once etc/ is read. */
    List<BundleFile> hotDeployedBundles() {
        return jarsIn(home.resolve("deploy")).stream().map(jar -> new BundleFile(jar, 0, true)).toList();
    }

    /**
     * Framework properties of conf/config.properties that are not Felix main's own launching instructions
     * (auto-start lists, auto-deploy, storage and beginning start level are what the test container does itself).
     */
    Map<String, String> frameworkProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : config.stringPropertyNames().stream().sorted().toList()) {
            if (key.startsWith("felix.auto.") || key.startsWith("org.osgi.framework.storage")
                || key.equals("org.osgi.framework.startlevel.beginning")) {
                continue;
            }
            properties.put(key, config.getProperty(key));
        }
        return properties;
    }

    /** Symbolic name to bundle file, for every bundle the gateway installs. */
    Map<String, BundleFile> expectedBundles() {
        Map<String, BundleFile> expected = new LinkedHashMap<>();
        Stream.concat(frameworkBundles().stream(), hotDeployedBundles().stream())
            .forEach(bundle -> expected.put(symbolicName(bundle.file()), bundle));
        return expected;
    }

    static String symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw new IllegalStateException(jar + " is not a bundle (no Bundle-SymbolicName)");
            }
            return name.split(";")[0].trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    /** Rewrites one key of a FileInstall .cfg file in etc/ (keeps the rest, comments included). */
    void setConfiguration(String cfgFile, String key, String value) {
        Path file = etc().resolve(cfgFile);
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
            boolean replaced = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*[=:].*")) {
                    lines.set(i, key + "=" + value);
                    replaced = true;
                }
            }
            if (!replaced) {
                lines.add(key + "=" + value);
            }
            Files.write(file, lines, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + file, e);
        }
    }

    private Path resolveUrl(String url) {
        if (!url.startsWith("file:")) {
            throw new IllegalStateException("conf/config.properties: only file: bundle locations are understood here, not " + url);
        }
        return home.resolve(url.substring("file:".length()));
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static boolean isFragment(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
