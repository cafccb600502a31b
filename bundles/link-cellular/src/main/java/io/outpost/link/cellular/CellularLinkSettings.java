package io.outpost.link.cellular;

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

/** A cellular link configuration, checked field by field; a wrong one is refused with a message naming it. */
record CellularLinkSettings(String port, int baudRate, String hqNumber, GatewayKey key, String sequenceFile, Duration poll,
        int minSignal, int degradedBelowSignal, Duration commandTimeout, Duration smsTimeout, String resetCommand, int unansweredBeforeReset,
        LinkDescriptor descriptor) {

    static CellularLinkSettings parse(CellularLinkConfig c) {
        List<String> problems = new ArrayList<>();
        String port = c.port() == null ? "" : c.port().trim();
        if (port.isEmpty()) {
            problems.add("'port' is missing");
        } else if (!Files.exists(Path.of(port))) {
            problems.add("'port' " + port + " does not exist");
        }
        range(problems, "baudRate", c.baudRate(), 1200, 921600);
        String hq = c.hqNumber() == null ? "" : c.hqNumber().trim();
        if (!hq.matches("\\+?[0-9]{3,20}")) {
            problems.add("'hqNumber' '" + hq + "' is not a telephone number (digits, optionally after +)");
        }
        GatewayKey key = null;
        try {
            key = GatewayKey.of(c.gatewayId(), c.key());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        range(problems, "pollSeconds", c.pollSeconds(), 1, 3600);
        range(problems, "minSignal", c.minSignal(), 0, 31);
        range(problems, "degradedBelowSignal", c.degradedBelowSignal(), 0, 31);
        range(problems, "commandTimeoutSeconds", c.commandTimeoutSeconds(), 1, 120);
        range(problems, "smsTimeoutSeconds", c.smsTimeoutSeconds(), 5, 600);
        range(problems, "unansweredBeforeReset", c.unansweredBeforeReset(), 1, 100);
        String reset = c.resetCommand() == null ? "" : c.resetCommand().trim();
        if (!reset.toUpperCase(java.util.Locale.ROOT).startsWith("AT")) {
            problems.add("'resetCommand' '" + reset + "' is not an AT command");
        }
        LinkDescriptor descriptor = null;
        try {
            descriptor = new LinkDescriptor(LinkKind.CELLULAR, new LinkCost(0, c.costPerMessage(), c.monthlyFee()),
                c.monthlyBudget(), classes(c.allowedClasses()), c.priority());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage().replace("'perMessage'", "'costPerMessage'"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("cellular link: " + String.join("; ", problems));
        }
        return new CellularLinkSettings(port, c.baudRate(), hq, key, c.sequenceFile() == null ? "" : c.sequenceFile().trim(),
            Duration.ofSeconds(c.pollSeconds()), c.minSignal(), c.degradedBelowSignal(), Duration.ofSeconds(c.commandTimeoutSeconds()),
            Duration.ofSeconds(c.smsTimeoutSeconds()), reset, c.unansweredBeforeReset(), descriptor);
    }

    /** Whether an SMS sender is HQ: the same digits, ignoring a leading + and 00. */
    boolean isHq(String sender) {
        return digits(sender).equals(digits(hqNumber));
    }

    private static String digits(String number) {
        String d = number == null ? "" : number.trim().replaceAll("[^0-9]", "");
        return d.startsWith("00") ? d.substring(2) : d;
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

    private static void range(List<String> problems, String field, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add("'" + field + "' " + value + " is out of range " + min + "-" + max);
        }
    }
}
