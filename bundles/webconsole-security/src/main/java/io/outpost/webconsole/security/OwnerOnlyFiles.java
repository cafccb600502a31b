package io.outpost.webconsole.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Secrets on disk: created new, readable and writable by the owner only (0600), in a folder only the owner enters. */
final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Writes {@code text} to a new file; fails if the file exists, so a secret is written once. */
    static void createNew(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw e;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
