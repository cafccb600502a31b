package io.outpost.router;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.outpost.api.router.LinkOverview;
import io.outpost.api.router.LinkUsage;
import io.outpost.api.upstream.MessageClass;

/** Gogo command {@code outpost:links}: every link's state, signal, usage, cost and budget this billing month. */
@Component(service = LinksCommand.class, property = {"osgi.command.scope=outpost", "osgi.command.function=links"})
public final class LinksCommand {

    private final LinkOverview overview;

    @Activate
    public LinksCommand(@Reference LinkOverview overview) {
        this.overview = overview;
    }

    public String links() {
        return render(overview.links());
    }

    static String render(List<LinkUsage> links) {
        if (links.isEmpty()) {
            return "no links\n";
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "billing month from %s%n", links.get(0).periodStart()));
        out.append(String.format(Locale.ROOT, "%-16s %-9s %-8s %-7s %6s %12s %9s %9s %9s %9s  %s%n", "link", "kind", "state", "routed",
            "signal", "bytes", "messages", "cost", "fee", "left", "alarm/reply/lifecycle/event/telemetry, failed"));
        for (LinkUsage l : links) {
            StringBuilder classes = new StringBuilder();
            for (MessageClass c : MessageClass.values()) {
                classes.append(classes.length() == 0 ? "" : "/").append(l.byClass().get(c));
            }
            out.append(String.format(Locale.ROOT, "%-16s %-9s %-8s %-7s %6s %12d %9d %9.2f %9.2f %9s  %s, %d%n", l.link(), l.kind(), l.state(),
                l.healthy() ? "yes" : "no", l.signal() < 0 ? "-" : l.signal() + "%", l.bytes(), l.messages(), l.cost(), l.monthlyFee(),
                l.budget() == 0 && l.cost() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", l.budgetLeft()), classes, l.failures()));
        }
        return out.toString();
    }
}
