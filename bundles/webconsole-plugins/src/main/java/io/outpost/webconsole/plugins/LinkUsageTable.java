package io.outpost.webconsole.plugins;

import java.util.List;
import java.util.Locale;

import io.outpost.api.router.LinkUsage;
import io.outpost.api.upstream.MessageClass;

/**
 * The router's usage per link as HTML: what {@code outpost:links} prints, with the share of the budget spent as a
 * bar. A link with a budget of 0 that has cost nothing is free to use (a flat rate): "-"; one that has cost
 * something is over its budget of 0, and only alarms use it (docs/transports.md, "Within budget").
 */
final class LinkUsageTable {

    private LinkUsageTable() {
    }

    static String render(List<LinkUsage> links) {
        if (links.isEmpty()) {
            return "<p id='outpost-link-usage-none'>The router knows no link yet.</p>";
        }
        StringBuilder b = new StringBuilder();
        b.append("<p id='outpost-link-usage-period'>").append(Html.text("Billing month from " + links.get(0).periodStart())).append("</p>");
        b.append("<table class='nicetable' id='outpost-link-usage'>").append(Html.header("Link", "Kind", "State", "Routed", "Signal",
            "Bytes", "Messages", "Cost", "Budget", "Spent", "Fee", "Alarm/reply/lifecycle/event/telemetry", "Failed")).append("<tbody>");
        for (LinkUsage l : links) {
            StringBuilder classes = new StringBuilder();
            for (MessageClass c : MessageClass.values()) {
                classes.append(classes.length() == 0 ? "" : "/").append(l.byClass().get(c));
            }
            b.append("<tr data-link='").append(Html.text(l.link())).append("'>");
            cell(b, "link", l.link());
            cell(b, "kind", l.kind());
            cell(b, "state", l.state());
            cell(b, "routed", l.healthy() ? "yes" : "no");
            cell(b, "signal", l.signal() < 0 ? "-" : l.signal() + " %");
            cell(b, "bytes", l.bytes());
            cell(b, "messages", l.messages());
            cell(b, "cost", money(l.cost()));
            cell(b, "budget", money(l.budget()));
            b.append("<td data-field='spent'>").append(spent(l)).append("</td>");
            cell(b, "fee", money(l.monthlyFee()));
            cell(b, "classes", classes);
            cell(b, "failures", l.failures());
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** The share of the budget spent, in words and as a bar; "-" without a budget. */
    static String spent(LinkUsage l) {
        if (l.budget() <= 0) {
            return l.cost() > 0 ? "over (no budget)" : "-";
        }
        double share = l.cost() / l.budget();
        int width = (int) Math.round(Math.min(1, share) * 100);
        String color = share >= 1 ? "#b5443a" : share >= 0.8 ? "#c9962b" : "#4a7ab5";
        return "<svg class='outpost-budget' width='104' height='12' role='img'><rect x='0' y='1' width='102' height='10' fill='none'"
            + " stroke='#999'/><rect x='1' y='2' width='" + width + "' height='8' fill='" + color + "'/></svg> "
            + Html.text(String.format(Locale.ROOT, "%.0f %%", share * 100));
    }

    private static String money(double amount) {
        return String.format(Locale.ROOT, "%.2f", amount);
    }

    private static void cell(StringBuilder b, String field, Object value) {
        b.append("<td data-field='").append(field).append("'>").append(Html.text(value)).append("</td>");
    }
}
