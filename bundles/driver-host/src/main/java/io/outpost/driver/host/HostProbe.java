package io.outpost.driver.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import io.outpost.api.data.Value;

/**
 * Measures host metrics. Files are read under a root folder ("/" on a gateway, a fake tree in tests), so
 * nothing here assumes the machine it runs on. A missing source throws {@link MissingSource} saying what is
 * missing; the connection turns that into a BAD reading.
 */
final class HostProbe {

    private final Path root;

    HostProbe(Path root) {
        this.root = root;
    }

    Value measure(HostChannel channel) throws MissingSource {
        return switch (channel.metric()) {
            case CPU_LOAD -> cpuLoad(channel.source());
            case MEMORY_FREE -> Value.of(memAvailableBytes());
            case DISK_FREE -> Value.of(diskFree(channel.path()));
            case CPU_TEMPERATURE -> Value.of(cpuTemperature(channel.zone()));
            case UPTIME -> Value.of(uptimeSeconds());
            case JVM_HEAP_USED -> Value.of(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        };
    }

    private static Value cpuLoad(String source) throws MissingSource {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (source.equals(HostChannel.LOAD_AVERAGE)) {
            double load = os.getSystemLoadAverage();
            if (load < 0) {
                throw new MissingSource("this platform reports no system load average");
            }
            return Value.of(load);
        }
        double share;
        try {
            if (!(os instanceof com.sun.management.OperatingSystemMXBean extended)) {
                throw new MissingSource("this JVM has no com.sun.management CPU load");
            }
            share = source.equals(HostChannel.SYSTEM) ? extended.getCpuLoad() : extended.getProcessCpuLoad();
        } catch (NoClassDefFoundError e) {
            throw new MissingSource("com.sun.management is not available in this framework, so no " + source + " CPU load");
        }
        if (share < 0) {
            throw new MissingSource(source + " CPU load is not available yet");
        }
        return Value.of(share);
    }

    private long memAvailableBytes() throws MissingSource {
        for (String line : lines("proc/meminfo")) {
            if (line.startsWith("MemAvailable:")) {
                String[] parts = line.substring("MemAvailable:".length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]) * 1024;
                } catch (NumberFormatException e) {
                    throw new MissingSource("unreadable MemAvailable line in " + root.resolve("proc/meminfo") + ": '" + line + "'");
                }
            }
        }
        throw new MissingSource("no MemAvailable line in " + root.resolve("proc/meminfo"));
    }

    private long diskFree(String path) throws MissingSource {
        Path target = root.resolve(path.startsWith("/") ? path.substring(1) : path);
        if (!Files.exists(target)) {
            throw new MissingSource("disk path " + target + " does not exist");
        }
        try {
            return Files.getFileStore(target).getUsableSpace();
        } catch (IOException e) {
            throw new MissingSource("cannot read the file system of " + target + ": " + e.getMessage());
        }
    }

    private double cpuTemperature(int zone) throws MissingSource {
        String file = "sys/class/thermal/thermal_zone" + zone + "/temp";
        List<String> lines;
        try {
            lines = lines(file);
        } catch (MissingSource e) {
            throw new MissingSource("no thermal zone " + zone + " on this machine (" + root.resolve(file) + " is missing)");
        }
        String text = lines.isEmpty() ? "" : lines.get(0).trim();
        try {
            return Long.parseLong(text) / 1000.0;
        } catch (NumberFormatException e) {
            throw new MissingSource("unreadable temperature '" + text + "' in " + root.resolve(file));
        }
    }

    private double uptimeSeconds() throws MissingSource {
        List<String> lines = lines("proc/uptime");
        String text = lines.isEmpty() ? "" : lines.get(0).trim();
        try {
            return Double.parseDouble(text.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            throw new MissingSource("unreadable uptime '" + text + "' in " + root.resolve("proc/uptime"));
        }
    }

    private List<String> lines(String relative) throws MissingSource {
        Path file = root.resolve(relative);
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new MissingSource(file + " is missing on this machine");
        } catch (IOException | RuntimeException e) {
            throw new MissingSource("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A metric's source does not exist here or cannot be read; the message says which. */
    static final class MissingSource extends Exception {
        private static final long serialVersionUID = 1L;

        MissingSource(String message) {
            super(message);
        }
    }
}
