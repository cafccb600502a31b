package io.outpost.link.mqtt;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.outpost.api.link.LinkCost;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.link.TimeWindow;
import io.outpost.api.upstream.MessageClass;

/**
 * Which link an MQTT link instance is for the router: its id, its {@link LinkDescriptor} (kind, cost model, budget,
 * classes, priority, windows) and whether it announces the gateway (birth, will, disconnect, HQ's requests). The
 * wired link is the singleton configuration; a second instance over another IP path (the modem's data connection)
 * is a factory configuration with its own id, kind {@code cellular}, its cost, and {@code announce=false}.
 *
 * @throws IllegalArgumentException from {@link #parse} naming each wrong field
 */
record MqttLinkRole(String id, LinkDescriptor descriptor, boolean announce) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    static MqttLinkRole parse(MqttLinkConfig c) {
        List<String> problems = new ArrayList<>();
        String id = c.linkId() == null ? "" : c.linkId().trim();
        if (!ID.matcher(id).matches()) {
            problems.add("'linkId' '" + id + "' must be 1-32 lower-case letters, digits or '-'");
        }
        LinkKind kind = null;
        try {
            kind = LinkKind.ofCode(c.kind() == null ? "" : c.kind().trim());
        } catch (IllegalArgumentException e) {
            problems.add("'kind': " + e.getMessage());
        }
        Set<MessageClass> classes = EnumSet.noneOf(MessageClass.class);
        for (String n : c.allowedClasses() == null ? new String[0] : c.allowedClasses()) {
            for (String part : n.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    classes.add(MessageClass.valueOf(part.trim()));
                } catch (IllegalArgumentException e) {
                    problems.add("'allowedClasses' names an unknown message class '" + part.trim() + "'");
                }
            }
        }
        List<TimeWindow> windows = new ArrayList<>();
        for (String w : c.windows() == null ? new String[0] : c.windows()) {
            if (w.isBlank()) {
                continue;
            }
            try {
                windows.add(TimeWindow.parse(w));
            } catch (IllegalArgumentException e) {
                problems.add("'windows': " + e.getMessage());
            }
        }
        LinkCost cost = null;
        try {
            cost = new LinkCost(c.costPerKilobyte(), c.costPerMessage(), c.monthlyFee());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage().replace("'perKilobyte'", "'costPerKilobyte'").replace("'perMessage'", "'costPerMessage'"));
        }
        if (cost != null && !cost.flatRate() && c.monthlyBudget() == 0 && Double.isFinite(c.monthlyBudget())) {
            problems.add("'monthlyBudget' is 0 for a link paid per use (costPerKilobyte " + c.costPerKilobyte() + ", costPerMessage "
                + c.costPerMessage() + "): it would carry alarms only; give it a budget, or set allowedClasses=ALARM");
        }
        LinkDescriptor descriptor = null;
        if (problems.isEmpty()) {
            try {
                descriptor = new LinkDescriptor(kind, cost, c.monthlyBudget(), classes, c.priority(), windows);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("mqtt link '" + id + "': " + String.join("; ", problems));
        }
        return new MqttLinkRole(id, descriptor, c.announce());
    }
}
