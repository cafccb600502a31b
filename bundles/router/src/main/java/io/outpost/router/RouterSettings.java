package io.outpost.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A checked router configuration; {@link #parse} refuses a bad value naming the field. */
record RouterSettings(Duration holdDown, int failuresBeforeFailover, int billingDay, Path usageFile, int typicalMessageBytes,
    Duration usageReport) {

    static final String DEFAULT_USAGE_FILE = "data/router/usage.properties";

    static RouterSettings parse(RouterConfig c, Path home) {
        List<String> problems = new ArrayList<>();
        range(problems, "holdDownSeconds", c.holdDownSeconds(), 0, 86_400);
        range(problems, "failuresBeforeFailover", c.failuresBeforeFailover(), 1, 100);
        range(problems, "billingDay", c.billingDay(), 1, 28);
        range(problems, "typicalMessageBytes", c.typicalMessageBytes(), 1, 100_000);
        range(problems, "usageReportSeconds", c.usageReportSeconds(), 0, 86_400);
        String file = c.usageFile() == null || c.usageFile().isBlank() ? DEFAULT_USAGE_FILE : c.usageFile().trim();
        Path usage = null;
        try {
            usage = home.resolve(file).normalize();
            if (java.nio.file.Files.isDirectory(usage)) {
                problems.add("'usageFile' " + usage + " is a directory");
            }
        } catch (RuntimeException e) {
            problems.add("'usageFile' '" + file + "' is not a path: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("router configuration refused: " + String.join("; ", problems));
        }
        return new RouterSettings(Duration.ofSeconds(c.holdDownSeconds()), c.failuresBeforeFailover(), c.billingDay(), usage,
            c.typicalMessageBytes(), Duration.ofSeconds(c.usageReportSeconds()));
    }

    private static void range(List<String> problems, String field, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add("'" + field + "' " + value + " is out of range " + min + "-" + max);
        }
    }
}
