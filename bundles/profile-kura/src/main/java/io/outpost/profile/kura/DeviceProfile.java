package io.outpost.profile.kura;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The fixed part of the birth certificate, under Kura's metric names: who the device is (configuration first,
 * then the device tree, DMI and /etc/machine-id) and what it runs (system properties, the OSGi framework).
 * Read once at activation; files are read relative to {@code root} so tests can supply their own /proc.
 */
record DeviceProfile(Map<String, String> facts) {

    static final String UNKNOWN = "unknown";

    DeviceProfile {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    String displayName() {
        return facts.get("display_name");
    }

    /**
     * @param framework        the OSGi framework's name and version, e.g. org.apache.felix.framework 7.0.5
     * @param outpostVersion   the version of this bundle, reported as the application framework's
     */
    static DeviceProfile read(KuraSettings settings, Path root, Properties system, String framework, String frameworkVersion,
                              String outpostVersion) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("display_name", first(settings.displayName(), file(root, "proc/sys/kernel/hostname"), file(root, "etc/hostname"))
            .orElse("outpost"));
        facts.put("model_name", first(settings.modelName(), file(root, "proc/device-tree/model"),
            file(root, "sys/class/dmi/id/product_name")).orElse("Outpost gateway"));
        facts.put("model_id", settings.modelId().isEmpty() ? UNKNOWN : settings.modelId());
        facts.put("serial_number", first(settings.serialNumber(), file(root, "proc/device-tree/serial-number"),
            file(root, "etc/machine-id")).orElse(UNKNOWN));
        facts.put("firmware_version", file(root, "proc/sys/kernel/version").orElse(UNKNOWN));
        facts.put("bios_version", file(root, "sys/class/dmi/id/bios_version").orElse(UNKNOWN));
        facts.put("os", system.getProperty("os.name", UNKNOWN));
        facts.put("os_version", system.getProperty("os.version", UNKNOWN));
        facts.put("os_arch", system.getProperty("os.arch", UNKNOWN));
        facts.put("jvm_name", system.getProperty("java.vm.name", UNKNOWN));
        facts.put("jvm_version", system.getProperty("java.runtime.version", system.getProperty("java.version", UNKNOWN)));
        facts.put("jvm_profile", "JavaSE-" + system.getProperty("java.specification.version", UNKNOWN));
        facts.put("application_framework", "Outpost");
        facts.put("application_framework_version", outpostVersion);
        facts.put("osgi_framework", framework);
        facts.put("osgi_framework_version", frameworkVersion);
        facts.put("available_processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        facts.put("total_memory", memTotalKb(root).orElse(Long.toString(Runtime.getRuntime().maxMemory() / 1024)));
        return new DeviceProfile(facts);
    }

    @SafeVarargs
    private static Optional<String> first(String configured, Optional<String>... found) {
        if (!configured.isEmpty()) {
            return Optional.of(configured);
        }
        for (Optional<String> candidate : found) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    /** The file's text without trailing NULs (device-tree strings end in one) and white space, if not empty. */
    static Optional<String> file(Path root, String relative) {
        try {
            Path path = root.resolve(relative);
            if (!Files.isRegularFile(path) || Files.size(path) > 4096) {
                return Optional.empty();
            }
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8).replace("\0", "").trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> memTotalKb(Path root) {
        try {
            Path meminfo = root.resolve("proc/meminfo");
            if (!Files.isRegularFile(meminfo)) {
                return Optional.empty();
            }
            return Files.readAllLines(meminfo, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> line.replaceAll("[^0-9]", ""))
                .filter(kb -> !kb.isEmpty())
                .findFirst();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
