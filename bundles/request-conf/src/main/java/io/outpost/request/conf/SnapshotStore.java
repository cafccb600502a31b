package io.outpost.request.conf;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The snapshot files: {@code snapshot_<id>.xml} in one directory, the id being the epoch milliseconds when it was
 * taken (unique, increasing), the content an {@code esf:configurations} document. A file is written to a temporary
 * name and moved into place, so a power cut leaves the old set or the new one; only the newest {@code keep} are
 * kept. The files hold passwords, so they are readable by the owner only where the file system allows it.
 * Not thread-safe: {@link ConfigurationControl} serializes its calls.
 */
final class SnapshotStore {

    private static final Pattern NAME = Pattern.compile("snapshot_(\\d{1,19})\\.xml");

    private final Path directory;
    private final int keep;
    private final Clock clock;

    SnapshotStore(Path directory, int keep, Clock clock) {
        this.directory = directory;
        this.keep = keep;
        this.clock = clock;
    }

    Path directory() {
        return directory;
    }

    /** The ids on disk, oldest first. */
    List<Long> ids() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    try {
                        ids.add(Long.parseLong(m.group(1)));
                    } catch (NumberFormatException tooLong) {
                        // not one of ours
                    }
                }
            });
        }
        ids.sort(null);
        return ids;
    }

    Optional<byte[]> read(long id) throws IOException {
        Path file = file(id);
        return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
    }

    /** Writes a new snapshot and drops the oldest beyond {@code keep}; returns its id. */
    long write(byte[] content) throws IOException {
        Files.createDirectories(directory);
        List<Long> ids = ids();
        long id = Math.max(clock.millis(), ids.isEmpty() ? 0 : ids.get(ids.size() - 1) + 1);
        Path tmp = directory.resolve("snapshot_" + id + ".xml.tmp");
        Files.write(tmp, content);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // e.g. FAT on an SD card: the directory's permissions are all there is
        }
        try {
            Files.move(tmp, file(id), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file(id), StandardCopyOption.REPLACE_EXISTING);
        }
        ids.add(id);
        for (int i = 0; i < ids.size() - keep; i++) {
            Files.deleteIfExists(file(ids.get(i)));
        }
        return id;
    }

    private Path file(long id) {
        return directory.resolve("snapshot_" + id + ".xml");
    }
}
