package io.outpost.api.filter;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The threshold filter's counters since it started. Byte figures are estimates: the size of a compact binary
 * encoding of the messages (see docs/threshold-filter.md, "Counting bytes"), the same estimate for the
 * messages the filter sent and for the messages an unfiltered gateway would have sent (one per device poll
 * with every reading in it).
 */
@ProviderType
public interface FilterStatistics {

    /** One entry per channel seen, ordered by device then channel. */
    List<ChannelStatistics> channels();

    /** The sums over all channels, plus message counts (a message may carry several channels' values). */
    FilterTotals totals();

    /**
     * One entry per rule configuration, in force or refused, ordered by name.
     *
     * @since 1.1
     */
    List<RuleStatus> ruleStatus();
}
