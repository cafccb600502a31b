package io.outpost.webconsole.plugins;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.felix.webconsole.servlet.AbstractServlet;
import org.apache.felix.webconsole.servlet.ServletConstants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Reading;
import io.outpost.api.device.Device;
import io.outpost.api.driver.ChannelDescriptor;
import io.outpost.api.filter.ChannelStatistics;
import io.outpost.api.filter.FilterStatistics;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every device and channel (the {@link Device} services {@code outpost:devices} and {@code outpost:channels} read):
 * last value, unit, quality, the filter's alarm state, and a chart of the last minutes. The page takes the history
 * from {@code <label>/history} and then follows {@code <label>/events}, a Server-Sent Events stream with the latest
 * values once a second. Both sit behind the console's login like every console path.
 */
@Component(service = Servlet.class, configurationPid = "io.outpost.webconsole.dashboard", configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {ServletConstants.PLUGIN_LABEL + "=" + DashboardPage.LABEL, ServletConstants.PLUGIN_TITLE + "=Dashboard",
        ServletConstants.PLUGIN_CATEGORY + "=Outpost"})
@Designate(ocd = DashboardConfig.class)
public final class DashboardPage extends AbstractServlet {

    static final String LABEL = "outpost-dashboard";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardPage.class);
    private static final long STREAM_MILLIS = 5 * 60_000L;

    private final transient List<Device> devices = new CopyOnWriteArrayList<>();
    private transient volatile FilterStatistics filter;
    private final transient ChannelHistory history;
    private final transient ScheduledExecutorService sampler;
    private final transient AtomicInteger streams = new AtomicInteger();
    private final int maxStreams;
    private final long windowMillis;
    private volatile boolean open = true;

    @Activate
    public DashboardPage(DashboardConfig config) {
        this.windowMillis = Math.max(1, config.chartMinutes()) * 60_000L;
        this.maxStreams = Math.max(1, config.maxStreams());
        this.history = new ChannelHistory(windowMillis);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outpost-console-dashboard");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    @Deactivate
    void close() {
        open = false;
        sampler.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addDevice(Device device) {
        devices.add(device);
    }

    void removeDevice(Device device) {
        devices.remove(device);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setFilter(FilterStatistics f) {
        this.filter = f;
    }

    void unsetFilter(FilterStatistics f) {
        if (this.filter == f) {
            this.filter = null;
        }
    }

    private void sample() {
        try {
            long now = System.currentTimeMillis();
            Set<String> keys = new HashSet<>();
            for (Device d : devices) {
                for (Reading r : d.lastReadings()) {
                    history.add(r, now);
                    keys.add(ChannelHistory.key(r));
                }
            }
            history.retain(keys);
        } catch (RuntimeException e) {
            LOG.debug("web console dashboard: sampling failed: {}", e.toString());
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        if (path.equals("/" + LABEL + "/events")) {
            stream(response);
        } else if (path.equals("/" + LABEL + "/history")) {
            response.setContentType("application/json;charset=UTF-8");
            setNoCache(response);
            response.setStatus(200);
            response.getWriter().write(snapshot(true));
        } else {
            super.doGet(request, response); // resources under /res/, else the console renders the page
        }
    }

    private void stream(HttpServletResponse response) throws IOException {
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            response.sendError(503, "too many live streams open (" + maxStreams + ")");
            return;
        }
        try {
            response.setStatus(200);
            response.setContentType("text/event-stream;charset=UTF-8");
            setNoCache(response);
            PrintWriter w = response.getWriter();
            w.write("retry: 2000\n\n");
            w.flush();
            long end = System.currentTimeMillis() + STREAM_MILLIS;
            while (open && System.currentTimeMillis() < end && !w.checkError()) {
                w.write("data: " + snapshot(false) + "\n\n");
                w.flush();
                Thread.sleep(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.decrementAndGet();
        }
    }

    /** The channels as JSON: latest values, and with {@code withHistory} each chart's points. */
    String snapshot(boolean withHistory) {
        Map<String, String> alarms = alarms();
        StringBuilder b = new StringBuilder("{\"windowMillis\":").append(windowMillis).append(",\"channels\":[");
        boolean first = true;
        for (Device d : devices) {
            for (Reading r : d.lastReadings()) {
                String key = ChannelHistory.key(r);
                b.append(first ? "" : ",").append("{\"key\":").append(Json.string(key))
                    .append(",\"value\":").append(Json.string(r.value() == null ? "" : r.value().toString()))
                    .append(",\"number\":").append(r.isGood() && r.value() != null ? Json.number(r.value().asDouble()) : "null")
                    .append(",\"quality\":").append(Json.string(r.quality().name()))
                    .append(",\"detail\":").append(Json.string(r.detail() == null ? "" : r.detail()))
                    .append(",\"alarm\":").append(Json.string(alarms.getOrDefault(key, "")))
                    .append(",\"time\":").append(r.timestamp());
                if (withHistory) {
                    b.append(",\"points\":[");
                    boolean p1 = true;
                    for (ChannelHistory.Point p : history.points(key)) {
                        b.append(p1 ? "" : ",").append('[').append(p.time()).append(',').append(Json.number(p.value())).append(']');
                        p1 = false;
                    }
                    b.append(']');
                }
                b.append('}');
                first = false;
            }
        }
        return b.append("]}").toString();
    }

    private Map<String, String> alarms() {
        Map<String, String> alarms = new HashMap<>();
        FilterStatistics f = filter;
        if (f != null) {
            try {
                for (ChannelStatistics c : f.channels()) {
                    alarms.put(c.device() + "/" + c.channel(), c.alarmActive());
                }
            } catch (RuntimeException e) {
                LOG.debug("web console dashboard: filter statistics failed: {}", e.toString());
            }
        }
        return alarms;
    }

    @Override
    public void renderContent(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT) == null ? "" : request.getAttribute(ServletConstants.ATTR_PLUGIN_ROOT).toString();
        PrintWriter w = response.getWriter();
        if (devices.isEmpty()) {
            w.println("<p id='outpost-no-devices'>No device is configured. Create one under OSGi, Configuration: factory 'io.outpost.device'.</p>");
        }
        Map<String, String> alarms = alarms();
        w.println("<div id='outpost-dashboard' data-base='" + Html.text(base) + "' data-window='" + windowMillis + "'>");
        w.println("<p>Stream: <span id='outpost-stream-state'>connecting</span>. Charts: last " + windowMillis / 60_000 + " minutes.</p>");
        w.println("<table class='tablesorter nicetable noauto' id='outpost-channels'>"
            + Html.header("Device", "State", "Channel", "Value", "Unit", "Quality", "Alarm", "Chart") + "<tbody>");
        for (Device d : devices) {
            Map<String, Reading> last = new HashMap<>();
            d.lastReadings().forEach(r -> last.put(r.channel(), r));
            for (ChannelDescriptor c : d.channels()) {
                Reading r = last.get(c.name());
                String key = d.name() + "/" + c.name();
                w.println("<tr data-key='" + Html.text(key) + "'><td>" + Html.text(d.name()) + "</td><td>" + Html.text(d.state().status())
                    + "</td><td>" + Html.text(c.name()) + "</td><td data-field='value'>" + Html.text(r == null || r.value() == null ? "" : r.value())
                    + "</td><td>" + Html.text(r == null || r.unit() == null ? c.unit() == null ? "" : c.unit() : r.unit())
                    + "</td><td data-field='quality'>" + Html.text(r == null ? "" : r.quality())
                    + "</td><td data-field='alarm'>" + Html.text(alarms.getOrDefault(key, ""))
                    + "</td><td><svg class='outpost-chart' width='240' height='48' viewBox='0 0 240 48'></svg></td></tr>");
            }
        }
        w.println("</tbody></table></div>");
        w.println("<script src='" + Html.text(base) + "/res/outpost-chart.js'></script>");
        w.println("<script src='" + Html.text(base) + "/res/outpost-dashboard.js'></script>");
    }
}
