package io.outpost.hq.rest;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.AlarmRecord;
import io.outpost.api.hq.Bucket;
import io.outpost.api.hq.FleetRegistry;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayRecord;
import io.outpost.api.hq.Sample;
import io.outpost.api.hq.TelemetryQuery;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/gateways/{id}}, {@code .../{id}/telemetry} and {@code .../{id}/alarms}. {@code {id}} is the
 * gateway's client id; the query parameter {@code account} picks the account when several have that client id.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(GatewayServlet.PATTERN)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + ApiContext.NAME + ")")
public final class GatewayServlet extends JsonServlet {

    static final String PATTERN = "/api/v1/gateways/*";
    static final int MAX_SAMPLES = 10_000;
    static final int MAX_BUCKETS = 2_000;
    private static final long serialVersionUID = 1L;

    private final transient FleetRegistry fleet;
    private final transient TelemetryQuery telemetry;
    private final transient Clock clock;

    @Activate
    public GatewayServlet(@Reference FleetRegistry fleet, @Reference TelemetryQuery telemetry) {
        this.fleet = fleet;
        this.telemetry = telemetry;
        this.clock = Clock.systemUTC();
    }

    @Override
    void get(HttpServletRequest request, HttpServletResponse response) throws IOException, BadParameter {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[] {""};
        if (parts[0].isEmpty() || parts.length > 2 || (parts.length == 2 && !List.of("telemetry", "alarms").contains(parts[1]))) {
            replies.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", null, "no such resource: "
                    + request.getRequestURI() + " (try /api/v1/gateways/{id}, /telemetry or /alarms)");
            return;
        }
        Optional<GatewayRecord> gateway = find(parts[0], request.getParameter("account"), response);
        if (gateway.isEmpty()) {
            return;
        }
        GatewayRecord g = gateway.get();
        if (parts.length == 1) {
            replies.ok(response, detail(g));
        } else if (parts[1].equals("telemetry")) {
            replies.ok(response, telemetry(g.id(), request));
        } else {
            replies.ok(response, alarms(g.id(), request));
        }
    }

    private Optional<GatewayRecord> find(String clientId, String account, HttpServletResponse response) throws IOException {
        if (account != null && !account.isEmpty()) {
            Optional<GatewayRecord> g = fleet.gateway(new GatewayId(account, clientId));
            if (g.isEmpty()) {
                replies.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", null,
                        "no gateway " + TimeParameter.shown(account + "/" + clientId));
            }
            return g;
        }
        List<GatewayRecord> found = fleet.byClientId(clientId);
        if (found.size() == 1) {
            return Optional.of(found.get(0));
        }
        if (found.isEmpty()) {
            replies.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", null,
                    "no gateway with client id " + TimeParameter.shown(clientId));
        } else {
            replies.error(response, HttpServletResponse.SC_CONFLICT, "ambiguous", "account", "client id "
                    + TimeParameter.shown(clientId) + " is in " + found.size() + " accounts; add ?account=<account>");
        }
        return Optional.empty();
    }

    private ObjectNode detail(GatewayRecord g) {
        ObjectNode body = replies.object();
        GatewayJson.summary(body, g);
        GatewayJson.birthMetrics(body, g);
        ArrayNode channels = body.putArray("channels");
        Instant now = clock.instant();
        for (String deviceChannel : telemetry.channels(g.id())) {
            int slash = deviceChannel.indexOf('/');
            String device = deviceChannel.substring(0, slash);
            String channel = deviceChannel.substring(slash + 1);
            ObjectNode c = channels.addObject();
            c.put("device", device);
            c.put("channel", channel);
            List<Sample> last = telemetry.latestSamples(g.id(), device, channel, Instant.EPOCH, now.plusSeconds(86_400), 1);
            if (last.isEmpty()) {
                c.putNull("last");
            } else {
                GatewayJson.sample(c.putObject("last"), last.get(0));
            }
        }
        return body;
    }

    private ObjectNode telemetry(GatewayId id, HttpServletRequest request) throws BadParameter {
        String device = required(request, "device");
        String channel = required(request, "channel");
        Instant now = clock.instant();
        Instant until = TimeParameter.parse("until", request.getParameter("until"), now, now);
        Instant since = TimeParameter.parse("since", request.getParameter("since"), now, until.minus(Duration.ofHours(1)));
        if (!since.isBefore(until)) {
            throw new BadParameter("since", "'since' " + since + " must be before 'until' " + until);
        }
        ObjectNode body = replies.object();
        body.put("gateway", id.toString());
        body.put("device", device);
        body.put("channel", channel);
        body.put("since", since.toString());
        body.put("until", until.toString());
        String buckets = request.getParameter("buckets");
        if (buckets != null) {
            int n = TimeParameter.positive("buckets", buckets, 1, MAX_BUCKETS);
            long span = Duration.between(since, until).toMillis();
            Duration width = Duration.ofMillis(Math.max(1, (span + n - 1) / n));
            body.put("bucketMillis", width.toMillis());
            ArrayNode out = body.putArray("buckets");
            for (Bucket b : telemetry.downsample(id, device, channel, since, until, width)) {
                GatewayJson.bucket(out.addObject(), b);
            }
        } else {
            int limit = TimeParameter.positive("limit", request.getParameter("limit"), 1000, MAX_SAMPLES);
            body.put("count", telemetry.count(id, device, channel, since, until));
            body.put("limit", limit);
            ArrayNode out = body.putArray("samples");
            for (Sample s : telemetry.latestSamples(id, device, channel, since, until, limit)) {
                GatewayJson.sample(out.addObject(), s);
            }
        }
        return body;
    }

    private ObjectNode alarms(GatewayId id, HttpServletRequest request) throws BadParameter {
        Instant now = clock.instant();
        Instant until = TimeParameter.parse("until", request.getParameter("until"), now, now);
        Instant since = TimeParameter.parse("since", request.getParameter("since"), now, until.minus(Duration.ofDays(1)));
        if (!since.isBefore(until)) {
            throw new BadParameter("since", "'since' " + since + " must be before 'until' " + until);
        }
        ObjectNode body = replies.object();
        body.put("gateway", id.toString());
        body.put("since", since.toString());
        body.put("until", until.toString());
        ArrayNode out = body.putArray("alarms");
        for (AlarmRecord a : telemetry.alarms(id, since, until)) {
            GatewayJson.alarm(out.addObject(), a);
        }
        return body;
    }

    private static String required(HttpServletRequest request, String name) throws BadParameter {
        String v = request.getParameter(name);
        if (v == null || v.isEmpty()) {
            throw new BadParameter(name, "'" + name + "' is required");
        }
        if (v.length() > 255) {
            throw new BadParameter(name, "'" + name + "' is longer than 255 characters");
        }
        return v;
    }
}
