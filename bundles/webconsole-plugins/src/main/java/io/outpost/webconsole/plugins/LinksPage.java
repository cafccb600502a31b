package io.outpost.webconsole.plugins;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.outbox.LinkReport;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.router.LinkOverview;
import io.outpost.api.upstream.MessageClass;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The links ({@link Link} services: state, in flight, reconnects) and the outbox ({@link OutboxStatistics}, as
 * {@code outpost:outbox} prints it: depth by class, age of the oldest message, deliveries per link), and each link's
 * bytes and cost this billing month against its budget from the router's {@link LinkOverview} (as
 * {@code outpost:links} prints them); without the router that part says "not installed".
 */
@Component(service = Servlet.class, property = {ServletConstants.PLUGIN_LABEL + "=outpost-links",
    ServletConstants.PLUGIN_TITLE + "=Links and outbox", ServletConstants.PLUGIN_CATEGORY + "=Outpost"})
public final class LinksPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    private final transient Map<Link, String> links = new ConcurrentHashMap<>();
    private transient volatile OutboxStatistics outbox;
    private transient volatile LinkOverview router;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addLink(Link link, Map<String, Object> properties) {
        links.put(link, String.valueOf(properties.getOrDefault(Link.ID, "?")));
    }

    void removeLink(Link link) {
        links.remove(link);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setOutbox(OutboxStatistics o) {
        this.outbox = o;
    }

    void unsetOutbox(OutboxStatistics o) {
        if (this.outbox == o) {
            this.outbox = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setRouter(LinkOverview r) {
        this.router = r;
    }

    void unsetRouter(LinkOverview r) {
        if (this.router == r) {
            this.router = null;
        }
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter w = response.getWriter();
        w.println("<h2>Links</h2>");
        if (links.isEmpty()) {
            w.println(Html.notInstalled("Link (no io.outpost.api.link.Link service)"));
        } else {
            w.println("<table class='tablesorter nicetable' id='outpost-links'>" + Html.header("Link", "State", "In flight", "Reconnects",
                "Max in flight", "Max message bytes") + "<tbody>");
            links.forEach((link, id) -> {
                LinkStatus s = link.status();
                w.println(Html.row(id, s.state(), s.inFlight(), s.reconnects(), link.maxInFlight(),
                    link.maxMessageBytes() == Integer.MAX_VALUE ? "no limit" : link.maxMessageBytes()));
            });
            w.println("</tbody></table>");
        }
        w.println("<h2>Usage and budget this month</h2>");
        LinkOverview usage = router;
        if (usage == null) {
            w.println(Html.notInstalled("Router usage (io.outpost.api.router.LinkOverview: bytes and cost this month against budget)"));
        } else {
            w.println(LinkUsageTable.render(usage.links()));
        }
        w.println("<h2>Outbox</h2>");
        OutboxStatistics o = outbox;
        if (o == null) {
            w.println(Html.notInstalled("Outbox (io.outpost.outbox)"));
            return;
        }
        OutboxSnapshot s = o.snapshot();
        w.println("<p id='outpost-outbox-summary'>" + Html.text(s.totalDepth() + " message(s) stored (" + s.bytesStored()
            + " bytes), oldest " + (s.oldestAge() == null ? "-" : s.oldestAge().toSeconds() + " s") + " old, " + s.delivered()
            + " delivered, " + s.inFlight() + " in flight" + (s.isDegraded() ? ", DEGRADED: " + s.degraded() : "")) + "</p>");
        w.println("<table class='nicetable' id='outpost-outbox-depth'>" + Html.header("Class", "Depth", "Dropped", "Refused") + "<tbody>");
        for (MessageClass c : MessageClass.values()) {
            w.println(Html.row(c, s.depth().getOrDefault(c, 0L), s.dropped().getOrDefault(c, 0L), s.refused().getOrDefault(c, 0L)));
        }
        w.println("</tbody></table>");
        w.println("<table class='nicetable' id='outpost-outbox-links'>" + Html.header("Link", "State", "Outbox in flight",
            "Delivered", "Failed") + "<tbody>");
        for (LinkReport r : s.links()) {
            w.println(Html.row(r.link(), r.status().state(), r.outboxInFlight() + " / " + r.maxInFlight(), r.delivered(), r.failed()));
        }
        w.println("</tbody></table>");
    }
}
