package io.outpost.outbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the store lives: the configured {@code directory}, by default {@code data/outbox} in the gateway home,
 * outside the framework cache (see {@link OutboxSettings}). Opening names the field when the directory is unusable,
 * and a store left in the bundle's data area by an older outbox is pointed out rather than forgotten.
 */
final class StoreLocation {

    private static final Logger LOG = LoggerFactory.getLogger(StoreLocation.class);

    private StoreLocation() {
    }

    /** Opens the store; an error says which directory and which configuration field. */
    static OutboxStore open(StoreSettings settings, Clock clock) throws IOException {
        try {
            return OutboxStore.open(settings, clock);
        } catch (IOException e) {
            throw new IOException("outbox 'directory' " + settings.directory() + " cannot hold the store: " + e.getMessage(), e);
        }
    }

    /** Warns when the bundle's data area (where older outboxes kept the store) still holds segments. */
    static void warnAboutAnOldStore(File dataArea, Path directory) {
        if (dataArea == null || dataArea.toPath().toAbsolutePath().equals(directory.toAbsolutePath()) || !dataArea.isDirectory()) {
            return;
        }
        try (Stream<Path> files = Files.list(dataArea.toPath())) {
            long segments = files.filter(p -> p.getFileName().toString().endsWith(".seg")).count();
            if (segments > 0) {
                LOG.warn("outbox: {} segment files of an older store are left in the bundle's data area {}; the store is now in {}. "
                    + "To send what they hold, stop the gateway and move them with their .ack files into {} while it holds no segment yet",
                    segments, dataArea, directory, directory);
            }
        } catch (IOException e) {
            LOG.debug("outbox: cannot look into the bundle's data area {}", dataArea, e);
        }
    }
}
