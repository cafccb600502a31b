package io.outpost.request.outpost;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The system as a JSON-ready map: uptime, heap and non-heap memory, processors and load, the disk of the gateway
 * home, the JVM and OS, and a pending restart. Figures come from the JVM's management beans and the file store.
 */
final class SystemView {

    private final Path home;

    SystemView(Path home) {
        this.home = home;
    }

    Map<String, Object> now(Optional<Instant> restartAt) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uptimeMillis", runtime.getUptime());
        m.put("startedAt", Instant.ofEpochMilli(runtime.getStartTime()).toString());
        m.put("heap", usage(memory.getHeapMemoryUsage()));
        m.put("nonHeap", usage(memory.getNonHeapMemoryUsage()));
        m.put("processors", os.getAvailableProcessors());
        double load = os.getSystemLoadAverage();
        m.put("loadAverage", load < 0 ? null : Math.round(load * 100) / 100.0);
        m.put("disk", disk());
        m.put("java", System.getProperty("java.vm.name", "java") + " " + System.getProperty("java.version", ""));
        m.put("os", os.getName() + " " + os.getVersion() + " " + os.getArch());
        m.put("restartAt", restartAt.map(Instant::toString).orElse(null));
        return m;
    }

    private Map<String, Object> disk() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", home.toString());
        try {
            FileStore store = Files.getFileStore(home);
            m.put("totalBytes", store.getTotalSpace());
            m.put("usableBytes", store.getUsableSpace());
        } catch (IOException | SecurityException e) {
            m.put("error", "cannot read the file store: " + e.getMessage());
        }
        return m;
    }

    private static Map<String, Object> usage(MemoryUsage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("usedBytes", u.getUsed());
        m.put("committedBytes", u.getCommitted());
        m.put("maxBytes", u.getMax() < 0 ? null : u.getMax());
        return m;
    }

    /** The gateway home ({@code outpost.home}), or the working directory. */
    static Path home(String property) {
        return Path.of(property == null || property.isBlank() ? "" : property.trim()).toAbsolutePath();
    }
}
