package io.outpost.driver.host;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a host channel measures, chosen by its {@code metric} parameter. */
enum HostMetric {
    /** System load average (default), or system/process CPU share 0..1 with {@code source=system|process}. */
    CPU_LOAD,
    /** Memory available to new processes, bytes ({@code MemAvailable} in /proc/meminfo). */
    MEMORY_FREE,
    /** Usable space of the file system holding the channel's {@code path} (default /), bytes. */
    DISK_FREE,
    /** CPU temperature in degrees Celsius from /sys/class/thermal/thermal_zone{@code zone}/temp. */
    CPU_TEMPERATURE,
    /** Seconds since boot, from /proc/uptime. */
    UPTIME,
    /** Bytes of JVM heap in use. */
    JVM_HEAP_USED;

    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static HostMetric parse(String text) {
        for (HostMetric metric : values()) {
            if (metric.id().equalsIgnoreCase(text.trim())) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + text + "', expected one of " + ids());
    }

    static String ids() {
        return Arrays.stream(values()).map(HostMetric::id).collect(Collectors.joining(", "));
    }
}
