package io.outpost.ota;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.framework.Bundle;

/**
 * Writes the content of an installed bundle (its current revision, as the framework holds it) to a JAR file, the
 * manifest first. This is the backup a rollback puts back, whatever the bundle's location (a file of bundle/, a
 * stream from an earlier OTA update): the framework's own copy is the truth.
 */
final class BundleArchive {

    private BundleArchive() {
    }

    static void copy(Bundle bundle, Path target) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(temporary);
             ZipOutputStream zip = new ZipOutputStream(file)) {
            URL manifest = bundle.getEntry("META-INF/MANIFEST.MF");
            if (manifest == null) {
                throw new IOException("bundle " + bundle.getSymbolicName() + " has no manifest entry");
            }
            zip.putNextEntry(new ZipEntry("META-INF/"));
            zip.closeEntry();
            put(zip, "META-INF/MANIFEST.MF", manifest);
            Deque<String> folders = new ArrayDeque<>();
            folders.push("/");
            while (!folders.isEmpty()) {
                Enumeration<String> paths = bundle.getEntryPaths(folders.pop());
                while (paths != null && paths.hasMoreElements()) {
                    String path = paths.nextElement();
                    if (path.equals("META-INF/") || path.equals("META-INF/MANIFEST.MF")) {
                        if (path.endsWith("/")) {
                            folders.push(path);
                        }
                        continue;
                    }
                    if (path.endsWith("/")) {
                        zip.putNextEntry(new ZipEntry(path));
                        zip.closeEntry();
                        folders.push(path);
                    } else {
                        put(zip, path, bundle.getEntry(path));
                    }
                }
            }
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(ZipOutputStream zip, String path, URL entry) throws IOException {
        if (entry == null) {
            return;
        }
        zip.putNextEntry(new ZipEntry(path));
        try (InputStream in = entry.openStream()) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }
}
