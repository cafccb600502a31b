package io.outpost.filter;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.filter.RuleStatus;

/**
 * Gogo shell command {@code outpost:filter}: the filter's counters as a table, per channel and in total, then
 * each rule configuration: in force or refused (with the reason), and the keys it ignored.
 */
@Component(service = FilterCommand.class, property = {"osgi.command.scope=outpost", "osgi.command.function=filter"})
public final class FilterCommand {

    private final FilterStatistics statistics;

    @Activate
    public FilterCommand(@Reference FilterStatistics statistics) {
        this.statistics = statistics;
    }

    /** Prints the per-channel counters and the totals. */
    public String filter() {
        return table(statistics);
    }

    public static String table(FilterStatistics statistics) {
        StringBuilder out = new StringBuilder();
        String row = "%-12s %-14s %-18s %8s %6s %6s %6s %8s %10s %10s %6s %-6s%n";
        out.append(String.format(Locale.ROOT, row, "DEVICE", "CHANNEL", "RULE", "IN", "ALARM", "EVENT", "TELEM", "SUPPR",
            "BYTES-RAW", "BYTES-OUT", "SAVED", "ALARM?"));
        for (ChannelStatistics c : statistics.channels()) {
            out.append(String.format(Locale.ROOT, row, c.device(), c.channel(), c.rule().isEmpty() ? "(default)" : c.rule(),
                c.readingsIn(), c.alarms(), c.events(), c.telemetry(), c.suppressed(), c.bytesUnfiltered(), c.bytesFiltered(),
                percent(c.bytesUnfiltered(), c.bytesFiltered()), c.alarmActive().isEmpty() ? "-" : c.alarmActive()));
        }
        FilterTotals t = statistics.totals();
        out.append(String.format(Locale.ROOT, row, "TOTAL", "", "", t.readingsIn(), t.alarms(), t.events(), t.telemetry(),
            t.suppressed(), t.bytesUnfiltered(), t.bytesFiltered(), percent(t.bytesUnfiltered(), t.bytesFiltered()), ""));
        out.append(String.format(Locale.ROOT, "messages: %d alarm, %d event, %d telemetry; %d not made durable by the upstream%n",
            t.alarmMessages(), t.eventMessages(), t.telemetryMessages(), t.refused()));
        out.append(String.format(Locale.ROOT, "alarms not yet durable: %d; held while no upstream is bound: %d (%d dropped); "
            + "channels of removed devices forgotten: %d%n", t.alarmsPending(), t.held(), t.overflowed(), t.pruned()));
        List<RuleStatus> rules = statistics.ruleStatus();
        if (!rules.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nRULE CONFIGURATION                       STATE    DETAIL%n"));
            for (RuleStatus r : rules) {
                String detail = r.reason();
                if (!r.unknownKeys().isEmpty()) {
                    detail = (detail.isEmpty() ? "" : detail + "; ") + "unknown key(s) ignored: " + String.join(", ", r.unknownKeys());
                }
                out.append(String.format(Locale.ROOT, "%-40s %-8s %s%n", r.name(), r.refused() ? "REFUSED" : "active",
                    detail.isEmpty() ? "-" : detail));
            }
        }
        return out.toString();
    }

    private static String percent(long unfiltered, long filtered) {
        return unfiltered == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * (unfiltered - filtered) / unfiltered);
    }
}
