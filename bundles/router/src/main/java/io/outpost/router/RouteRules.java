package io.outpost.router;

import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.link.WireSize;
import io.outpost.api.router.RoutingTable;
import io.outpost.api.upstream.MessageClass;

/**
 * The routing rules, as a pure function of the links as they are:
 * <ul>
 * <li>ALARM: every healthy link that carries alarms, settled before recovering, then by priority; budgets and time
 * windows do not count.</li>
 * <li>EVENT, REPLY, LIFECYCLE: the healthy links that carry the class, are inside their windows and within budget,
 * in the same order.</li>
 * <li>TELEMETRY: the same links, cheapest first (priced at a typical message size), then by priority; with none,
 * telemetry waits.</li>
 * </ul>
 * A message goes to the first link of its class that has not refused it, so only the first link carries a class
 * unless a message does not fit it.
 */
final class RouteRules {

    private RouteRules() {
    }

    static RoutingTable table(Collection<LinkView> links, int typicalBytes) {
        Map<MessageClass, List<String>> routes = new EnumMap<>(MessageClass.class);
        WireSize typical = WireSize.of(typicalBytes);
        Comparator<LinkView> byPriority = Comparator.comparingInt(LinkView::tier)
            .thenComparingInt(l -> l.descriptor().priority()).thenComparing(LinkView::id);
        Comparator<LinkView> byCost = Comparator.comparingInt(LinkView::tier)
            .thenComparingDouble((LinkView l) -> l.descriptor().cost().of(typical))
            .thenComparingInt(l -> l.descriptor().priority()).thenComparing(LinkView::id);
        for (MessageClass c : MessageClass.values()) {
            boolean alarm = c == MessageClass.ALARM;
            List<String> healthy = route(links, c, alarm, LinkView::healthy, c == MessageClass.TELEMETRY ? byCost : byPriority);
            // failing over needs somewhere to go: when no healthy link carries the class, the links that say they are
            // up but failed lately are still tried (else the only link would stand idle for the whole failover time)
            routes.put(c, healthy.isEmpty()
                ? route(links, c, alarm, LinkView::carries, c == MessageClass.TELEMETRY ? byCost : byPriority) : healthy);
        }
        return new RoutingTable(routes);
    }

    private static List<String> route(Collection<LinkView> links, MessageClass c, boolean alarm,
            java.util.function.Predicate<LinkView> usable, Comparator<LinkView> order) {
        return links.stream()
            .filter(l -> usable.test(l) && l.descriptor().allows(c) && (alarm || l.open() && l.withinBudget()))
            .sorted(order).map(LinkView::id).toList();
    }

    /** Every link in the order alarms would try them, healthy or not (for operators). */
    static List<LinkView> alarmOrder(Collection<LinkView> links) {
        return links.stream().sorted(Comparator.comparing((LinkView l) -> !l.healthy()).thenComparingInt(LinkView::tier)
            .thenComparingInt(l -> l.descriptor().priority()).thenComparing(LinkView::id)).toList();
    }
}
