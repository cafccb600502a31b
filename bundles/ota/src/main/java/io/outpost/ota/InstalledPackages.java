package io.outpost.ota;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import io.outpost.api.ota.InstalledPackage;

/**
 * The packages the OTA service committed, in {@code packages.properties} (replaced atomically like the journal).
 * Written on the update worker only; read from any thread through the immutable snapshot.
 */
final class InstalledPackages {

    private final Path file;
    private volatile Map<String, InstalledPackage> byName;

    InstalledPackages(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("packages.properties");
        this.byName = load(file);
    }

    List<InstalledPackage> all() {
        return List.copyOf(byName.values());
    }

    Optional<InstalledPackage> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    void put(InstalledPackage pkg) throws IOException {
        Map<String, InstalledPackage> next = new TreeMap<>(byName);
        next.put(pkg.name(), pkg);
        save(next);
    }

    void remove(String name) throws IOException {
        Map<String, InstalledPackage> next = new TreeMap<>(byName);
        next.remove(name);
        save(next);
    }

    private void save(Map<String, InstalledPackage> next) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", "1");
        int i = 0;
        for (InstalledPackage pkg : next.values()) {
            p.setProperty(i + ".name", pkg.name());
            p.setProperty(i + ".version", pkg.version());
            p.setProperty(i + ".committed", Long.toString(pkg.committedAtMillis()));
            StringBuilder bundles = new StringBuilder();
            for (InstalledPackage.PackageBundle b : pkg.bundles()) {
                bundles.append(bundles.length() == 0 ? "" : ",").append(b.symbolicName()).append(':').append(b.version());
            }
            p.setProperty(i + ".bundles", bundles.toString());
            i++;
        }
        p.setProperty("count", Integer.toString(i));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.store(bytes, "Outpost OTA: committed packages");
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        InstallJournal.forceDirectory(file.getParent());
        byName = Map.copyOf(next);
    }

    private static Map<String, InstalledPackage> load(Path file) throws IOException {
        Map<String, InstalledPackage> map = new TreeMap<>();
        if (!Files.exists(file)) {
            return Map.copyOf(map);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        try {
            int count = Integer.parseInt(p.getProperty("count", "0"));
            for (int i = 0; i < count; i++) {
                List<InstalledPackage.PackageBundle> bundles = new ArrayList<>();
                String list = p.getProperty(i + ".bundles", "");
                for (String entry : list.isEmpty() ? new String[0] : list.split(",")) {
                    int colon = entry.lastIndexOf(':');
                    bundles.add(new InstalledPackage.PackageBundle(entry.substring(0, colon), entry.substring(colon + 1)));
                }
                InstalledPackage pkg = new InstalledPackage(p.getProperty(i + ".name"), p.getProperty(i + ".version"), bundles,
                    Long.parseLong(p.getProperty(i + ".committed", "0")));
                map.put(pkg.name(), pkg);
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is malformed: " + e.getMessage(), e);
        }
        return Map.copyOf(map);
    }
}
