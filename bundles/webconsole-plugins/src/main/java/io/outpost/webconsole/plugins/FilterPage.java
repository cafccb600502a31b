package io.outpost.webconsole.plugins;

import java.io.IOException;
import java.io.PrintWriter;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.filter.FilterTotals;
import io.outpost.api.filter.RuleStatus;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The threshold filter's savings and rules: the {@link FilterStatistics} service {@code outpost:filter} prints. */
@Component(service = Servlet.class, property = {ServletConstants.PLUGIN_LABEL + "=outpost-filter",
    ServletConstants.PLUGIN_TITLE + "=Filter", ServletConstants.PLUGIN_CATEGORY + "=Outpost"})
public final class FilterPage extends AbstractServlet {

    private static final long serialVersionUID = 1L;
    private transient volatile FilterStatistics filter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setFilter(FilterStatistics f) {
        this.filter = f;
    }

    void unsetFilter(FilterStatistics f) {
        if (this.filter == f) {
            this.filter = null;
        }
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter w = response.getWriter();
        FilterStatistics f = filter;
        if (f == null) {
            w.println(Html.notInstalled("Threshold filter (io.outpost.filter)"));
            return;
        }
        FilterTotals t = f.totals();
        long messagesOut = t.alarmMessages() + t.eventMessages() + t.telemetryMessages();
        w.println("<h2>Savings</h2>");
        w.println(Html.bars("outpost-filter-savings", new String[] {"readings in", "messages out", "readings suppressed",
            "bytes unfiltered", "bytes sent", "bytes saved"}, new long[] {t.readingsIn(), messagesOut, t.suppressed(),
            t.bytesUnfiltered(), t.bytesFiltered(), Math.max(0, t.bytesUnfiltered() - t.bytesFiltered())}));
        w.println("<p id='outpost-filter-totals'>" + Html.text(t.readingsIn() + " readings in, " + messagesOut + " messages out ("
            + t.alarmMessages() + " alarm, " + t.eventMessages() + " event, " + t.telemetryMessages() + " telemetry), "
            + t.refused() + " refused by the upstream, " + t.alarmsPending() + " alarm transitions not yet durable, "
            + t.held() + " held") + "</p>");
        w.println("<h2>Channels</h2><table class='tablesorter nicetable' id='outpost-filter-channels'>"
            + Html.header("Device", "Channel", "Rule", "Readings in", "Alarms", "Events", "Telemetry", "Suppressed",
                "Bytes unfiltered", "Bytes sent", "Alarm") + "<tbody>");
        for (ChannelStatistics c : f.channels()) {
            w.println(Html.row(c.device(), c.channel(), c.rule(), c.readingsIn(), c.alarms(), c.events(), c.telemetry(),
                c.suppressed(), c.bytesUnfiltered(), c.bytesFiltered(), c.alarmActive().isEmpty() ? "-" : c.alarmActive()));
        }
        w.println("</tbody></table>");
        w.println("<h2>Rules</h2><table class='tablesorter nicetable' id='outpost-filter-rules'>"
            + Html.header("Configuration", "In force", "Reason", "Unknown keys") + "<tbody>");
        for (RuleStatus r : f.ruleStatus()) {
            w.println(Html.row(r.name(), r.refused() ? "refused" : "yes", r.reason(), String.join(", ", r.unknownKeys())));
        }
        w.println("</tbody></table><p>Edit rules under OSGi, Configuration: factory 'io.outpost.filter.rule'.</p>");
    }
}
