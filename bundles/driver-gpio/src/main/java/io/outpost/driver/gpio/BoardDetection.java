package io.outpost.driver.gpio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves {@code provider=auto}: gpiod on a Raspberry Pi (per /proc/device-tree/model), else the mock platform. */
final class BoardDetection {

    private final Path root;

    BoardDetection(Path root) {
        this.root = root;
    }

    /** The board model, or empty when this machine has no device tree model (e.g. an x86 VM). */
    String model() {
        try {
            return new String(Files.readAllBytes(root.resolve("proc/device-tree/model")), StandardCharsets.UTF_8)
                .replace("\0", "").trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    GpioProvider choose(String requested) {
        if (!requested.isBlank() && !requested.trim().equalsIgnoreCase("auto")) {
            return GpioProvider.parse(requested);
        }
        return model().contains("Raspberry Pi") ? GpioProvider.GPIOD : GpioProvider.MOCK;
    }
}
