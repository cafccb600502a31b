package io.outpost.api.router;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.outpost.api.link.LinkState;
import io.outpost.api.upstream.MessageClass;

/**
 * One link for operators: its state and signal now, and what it carried and cost in the billing month that began
 * at {@code periodStart}.
 *
 * @param link         the link's id
 * @param kind         {@code wired}, {@code cellular} or {@code satellite}
 * @param state        up, degraded or down
 * @param signal       0-100, or -1 when the link has no signal quality
 * @param healthy      whether the router sends on it now (up or degraded, not failing)
 * @param bytes        bytes confirmed this month
 * @param messages     deliveries confirmed this month (a split message counts once)
 * @param cost         usage cost this month, the monthly fee aside
 * @param monthlyFee   the flat fee
 * @param budget       the monthly budget for usage
 * @param byClass      deliveries confirmed this month by class
 * @param failures     failed deliveries this month
 * @param periodStart  when this billing month began
 */
public record LinkUsage(String link, String kind, LinkState state, int signal, boolean healthy, long bytes, long messages, double cost,
    double monthlyFee, double budget, Map<MessageClass, Long> byClass, long failures, Instant periodStart) {

    public LinkUsage {
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(state, "state");
        EnumMap<MessageClass, Long> all = new EnumMap<>(MessageClass.class);
        for (MessageClass c : MessageClass.values()) {
            all.put(c, byClass == null ? 0L : byClass.getOrDefault(c, 0L));
        }
        byClass = Collections.unmodifiableMap(all);
    }

    /** What may still be spent this month, never below 0. */
    public double budgetLeft() {
        return Math.max(0, budget - cost);
    }
}
