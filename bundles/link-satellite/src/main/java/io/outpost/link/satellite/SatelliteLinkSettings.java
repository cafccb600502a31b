package io.outpost.link.satellite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.outpost.api.link.LinkCost;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.upstream.MessageClass;
import io.outpost.codec.compact.GatewayKey;

/**
 * A satellite link configuration, checked: ConfigAdmin does not enforce metatype ranges, so every field is checked
 * here and a wrong one refused with a message naming it, e.g. {@code satellite link: 'monthlyBudget' -1.0 must be ...}.
 */
record SatelliteLinkSettings(String port, int baudRate, GatewayKey key, String sequenceFile, Duration poll, int minSignal,
        Duration commandTimeout, Duration sessionTimeout, int attempts, long retryMinMillis, long retryMaxMillis,
        LinkDescriptor descriptor) {

    static SatelliteLinkSettings parse(SatelliteLinkConfig c) {
        List<String> problems = new ArrayList<>();
        String port = c.port() == null ? "" : c.port().trim();
        if (port.isEmpty()) {
            problems.add("'port' is missing");
        } else if (!Files.exists(Path.of(port))) {
            problems.add("'port' " + port + " does not exist");
        }
        range(problems, "baudRate", c.baudRate(), 1200, 115200);
        GatewayKey key = null;
        try {
            key = GatewayKey.of(c.gatewayId(), c.key());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        range(problems, "pollSeconds", c.pollSeconds(), 1, 3600);
        range(problems, "minSignal", c.minSignal(), 0, 5);
        range(problems, "commandTimeoutSeconds", c.commandTimeoutSeconds(), 1, 120);
        range(problems, "sessionTimeoutSeconds", c.sessionTimeoutSeconds(), 5, 600);
        range(problems, "attemptsPerDelivery", c.attemptsPerDelivery(), 1, 20);
        range(problems, "retryMinMillis", c.retryMinMillis(), 10, 3_600_000);
        range(problems, "retryMaxMillis", c.retryMaxMillis(), 10, 3_600_000);
        if (c.retryMaxMillis() < c.retryMinMillis()) {
            problems.add("'retryMaxMillis' " + c.retryMaxMillis() + " is below 'retryMinMillis' " + c.retryMinMillis());
        }
        LinkDescriptor descriptor = null;
        try {
            descriptor = new LinkDescriptor(LinkKind.SATELLITE, new LinkCost(c.costPerKilobyte(), c.costPerMessage(), c.monthlyFee()),
                c.monthlyBudget(), classes(c.allowedClasses()), c.priority());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage().replace("'perKilobyte'", "'costPerKilobyte'").replace("'perMessage'", "'costPerMessage'")
                .replace("'allowedClasses' must", "'allowedClasses' must"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("satellite link: " + String.join("; ", problems));
        }
        return new SatelliteLinkSettings(port, c.baudRate(), key, c.sequenceFile() == null ? "" : c.sequenceFile().trim(),
            Duration.ofSeconds(c.pollSeconds()), c.minSignal(), Duration.ofSeconds(c.commandTimeoutSeconds()),
            Duration.ofSeconds(c.sessionTimeoutSeconds()), c.attemptsPerDelivery(), c.retryMinMillis(), c.retryMaxMillis(), descriptor);
    }

    static Set<MessageClass> classes(String[] names) {
        Set<MessageClass> set = EnumSet.noneOf(MessageClass.class);
        for (String n : names == null ? new String[0] : names) {
            try {
                set.add(MessageClass.valueOf(n.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'allowedClasses' names an unknown message class '" + n + "'");
            }
        }
        return set;
    }

    /** The delay before session attempt {@code attempt} (1 = the first retry): doubling from the minimum, capped. */
    long retryDelayMillis(int attempt) {
        long d = retryMinMillis << Math.min(20, Math.max(0, attempt - 1));
        return Math.min(retryMaxMillis, d);
    }

    private static void range(List<String> problems, String field, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add("'" + field + "' " + value + " is out of range " + min + "-" + max);
        }
    }
}
