package io.outpost.api.link;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.outpost.api.upstream.MessageClass;

/**
 * What a router needs to know about a link besides its state: kind, cost, monthly budget, the message classes it
 * may carry and its priority. A link publishes it as service properties ({@link #toProperties()}) beside
 * {@link Link#ID}; a router reads it back with {@link #fromProperties}. A link bundle plugs in by being installed.
 *
 * @param kind           the kind of path
 * @param cost           what it costs
 * @param monthlyBudget  what may be spent on it per billing month, in the cost's currency; alarms ignore it
 * @param allowedClasses the classes it may carry (not empty)
 * @param priority       lower first when the router picks the first healthy link (0..1000)
 * @param windows        the daily time windows in which the link may carry anything but alarms; empty means always
 *                       (since 1.4)
 * @since 1.3
 */
public record LinkDescriptor(LinkKind kind, LinkCost cost, double monthlyBudget, Set<MessageClass> allowedClasses, int priority,
    List<TimeWindow> windows) {

    public static final String KIND = "outpost.link.kind";
    public static final String COST_PER_KILOBYTE = "outpost.link.cost.perKilobyte";
    public static final String COST_PER_MESSAGE = "outpost.link.cost.perMessage";
    public static final String COST_MONTHLY_FEE = "outpost.link.cost.monthlyFee";
    public static final String MONTHLY_BUDGET = "outpost.link.budget.monthly";
    public static final String CLASSES = "outpost.link.classes";
    public static final String PRIORITY = "outpost.link.priority";
    /** {@code String[]} of {@code HH:MM-HH:MM}; absent or empty means always. @since 1.4 */
    public static final String WINDOWS = "outpost.link.windows";

    public LinkDescriptor {
        List<String> problems = new ArrayList<>();
        if (kind == null) {
            problems.add("'kind' is missing");
        }
        if (cost == null) {
            problems.add("'cost' is missing");
        }
        if (!Double.isFinite(monthlyBudget) || monthlyBudget < 0) {
            problems.add("'monthlyBudget' " + monthlyBudget + " must be a finite amount of at least 0");
        }
        if (allowedClasses == null || allowedClasses.isEmpty()) {
            problems.add("'allowedClasses' must name at least one message class");
        }
        if (priority < 0 || priority > 1000) {
            problems.add("'priority' " + priority + " is out of range 0-1000");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        allowedClasses = Set.copyOf(EnumSet.copyOf(allowedClasses));
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /** A descriptor without time windows (the 1.3 form). */
    public LinkDescriptor(LinkKind kind, LinkCost cost, double monthlyBudget, Set<MessageClass> allowedClasses, int priority) {
        this(kind, cost, monthlyBudget, allowedClasses, priority, List.of());
    }

    /** Whether the link may carry anything but alarms at this local time: inside one of its windows, or it has none. @since 1.4 */
    public boolean open(java.time.LocalTime now) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(now));
    }

    public boolean allows(MessageClass c) {
        return allowedClasses.contains(c);
    }

    /** The service properties that carry this descriptor. */
    public Map<String, Object> toProperties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(KIND, kind.code());
        p.put(COST_PER_KILOBYTE, cost.perKilobyte());
        p.put(COST_PER_MESSAGE, cost.perMessage());
        p.put(COST_MONTHLY_FEE, cost.monthlyFee());
        p.put(MONTHLY_BUDGET, monthlyBudget);
        p.put(CLASSES, EnumSet.copyOf(allowedClasses).stream().map(Enum::name).toArray(String[]::new));
        p.put(PRIORITY, priority);
        if (!windows.isEmpty()) {
            p.put(WINDOWS, windows.stream().map(TimeWindow::toString).toArray(String[]::new));
        }
        return p;
    }

    /**
     * Reads a descriptor from service properties.
     *
     * @throws IllegalArgumentException naming each missing or wrong property
     */
    public static LinkDescriptor fromProperties(Map<String, ?> properties) {
        List<String> problems = new ArrayList<>();
        LinkKind kind = null;
        try {
            kind = LinkKind.ofCode(String.valueOf(properties.get(KIND)));
        } catch (IllegalArgumentException e) {
            problems.add("'" + KIND + "': " + e.getMessage());
        }
        double perKb = number(problems, properties, COST_PER_KILOBYTE);
        double perMessage = number(problems, properties, COST_PER_MESSAGE);
        double fee = number(problems, properties, COST_MONTHLY_FEE);
        double budget = number(problems, properties, MONTHLY_BUDGET);
        double priority = number(problems, properties, PRIORITY);
        Set<MessageClass> classes = EnumSet.noneOf(MessageClass.class);
        Object c = properties.get(CLASSES);
        for (Object n : list(c)) {
            try {
                classes.add(MessageClass.valueOf(String.valueOf(n)));
            } catch (IllegalArgumentException e) {
                problems.add("'" + CLASSES + "': unknown message class '" + n + "'");
            }
        }
        List<TimeWindow> windows = new ArrayList<>();
        for (Object w : list(properties.get(WINDOWS))) {
            try {
                windows.add(TimeWindow.parse(String.valueOf(w)));
            } catch (IllegalArgumentException e) {
                problems.add("'" + WINDOWS + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LinkDescriptor(kind, new LinkCost(perKb, perMessage, fee), budget, classes, (int) priority, windows);
    }

    private static Object[] list(Object c) {
        return c instanceof Object[] a ? a : c instanceof java.util.Collection<?> col ? col.toArray() : c == null ? new Object[0] : new Object[] {c};
    }

    private static double number(List<String> problems, Map<String, ?> properties, String key) {
        Object v = properties.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(v));
        } catch (NumberFormatException e) {
            problems.add("'" + key + "' is " + (v == null ? "missing" : "'" + v + "', not a number"));
            return 0;
        }
    }
}
