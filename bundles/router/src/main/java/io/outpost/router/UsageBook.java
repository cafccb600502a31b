package io.outpost.router;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import io.outpost.api.link.LinkCost;
import io.outpost.api.link.WireSize;
import io.outpost.api.upstream.MessageClass;

/**
 * Each link's usage in the current billing month: bytes, confirmed messages by class, cost and failures. A new
 * billing month starts from zero. Kept by {@link UsageFile} across restarts (at most one flush interval is lost to
 * a power cut).
 */
final class UsageBook {

    private final Map<String, LinkUsageCount> links = new TreeMap<>();
    private LocalDate period;
    private boolean dirty;

    UsageBook(LocalDate period) {
        this.period = period;
    }

    /** Starts a new billing month when {@code current} is not the one counted; true when it did. */
    synchronized boolean roll(LocalDate current) {
        if (current.equals(period)) {
            return false;
        }
        period = current;
        links.clear();
        dirty = true;
        return true;
    }

    synchronized LocalDate period() {
        return period;
    }

    synchronized void delivered(String link, MessageClass c, WireSize size, LinkCost cost) {
        LinkUsageCount u = links.computeIfAbsent(link, k -> new LinkUsageCount());
        u.bytes += size.bytes();
        u.messages++;
        u.byClass[c.ordinal()]++;
        u.cost += cost.of(size);
        dirty = true;
    }

    synchronized void failed(String link) {
        links.computeIfAbsent(link, k -> new LinkUsageCount()).failures++;
        dirty = true;
    }

    /** A copy of a link's count (zero when it carried nothing this month). */
    synchronized LinkUsageCount of(String link) {
        LinkUsageCount u = links.get(link);
        return u == null ? new LinkUsageCount() : u.copy();
    }

    synchronized double cost(String link) {
        LinkUsageCount u = links.get(link);
        return u == null ? 0 : u.cost;
    }

    /** Puts a count read from the file. */
    synchronized void restore(String link, LinkUsageCount count) {
        links.put(link, count);
    }

    /** A copy of every count, and clears the dirty mark; null when nothing changed since the last call. */
    synchronized Map<String, LinkUsageCount> changes() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        Map<String, LinkUsageCount> copy = new TreeMap<>();
        links.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    synchronized void markDirty() {
        dirty = true;
    }
}
