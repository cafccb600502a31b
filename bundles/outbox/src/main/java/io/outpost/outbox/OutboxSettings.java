package io.outpost.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A checked outbox configuration. {@link #parse} refuses a bad value with a message that names the field.
 *
 * @param store           how the store is kept
 * @param deliveryTimeout after how long an unconfirmed delivery counts as failed
 */
record OutboxSettings(StoreSettings store, Duration deliveryTimeout) {

    /** Where the store lives unless configured: beside etc/ in the gateway home, outside the framework cache. */
    static final String DEFAULT_DIRECTORY = "data/outbox";
    /** The framework or system property naming the gateway home (the launcher sets it). */
    static final String HOME_PROPERTY = "outpost.home";

    /**
     * @param home the gateway home, against which a relative {@code directory} is resolved
     */
    static OutboxSettings parse(OutboxConfig config, Path home) {
        List<String> problems = new ArrayList<>();
        check(problems, config.maxBytes() >= 65_536, "maxBytes must be at least 65536, not " + config.maxBytes());
        check(problems, config.maxMessages() >= 10, "maxMessages must be at least 10, not " + config.maxMessages());
        check(problems, config.fsyncIntervalMillis() >= 1 && config.fsyncIntervalMillis() <= 10_000,
            "fsyncIntervalMillis must be between 1 and 10000, not " + config.fsyncIntervalMillis());
        check(problems, config.segmentBytes() >= 4096 && config.segmentBytes() <= (1L << 30),
            "segmentBytes must be between 4096 and 1073741824, not " + config.segmentBytes());
        check(problems, config.deliveryTimeoutSeconds() >= 1, "deliveryTimeoutSeconds must be at least 1, not " + config.deliveryTimeoutSeconds());
        Path directory = directory(config.directory(), home, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("outbox configuration refused: " + String.join("; ", problems));
        }
        StoreSettings store = new StoreSettings(directory, config.maxBytes(), config.maxMessages(),
            Duration.ofMillis(config.fsyncIntervalMillis()), config.segmentBytes());
        return new OutboxSettings(store, Duration.ofSeconds(config.deliveryTimeoutSeconds()));
    }

    private static Path directory(String configured, Path home, List<String> problems) {
        String text = configured == null || configured.isBlank() ? DEFAULT_DIRECTORY : configured.trim();
        Path directory;
        try {
            directory = home.resolve(text).normalize();
        } catch (RuntimeException e) {
            problems.add("directory '" + text + "' is not a path: " + e.getMessage());
            return home.resolve(DEFAULT_DIRECTORY);
        }
        if (java.nio.file.Files.exists(directory) && !java.nio.file.Files.isDirectory(directory)) {
            problems.add("directory '" + text + "' is a file (" + directory + "), not a directory");
        }
        return directory;
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok && !new HashSet<>(problems).contains(problem)) {
            problems.add(problem);
        }
    }
}
