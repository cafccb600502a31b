package io.outpost.hq.alerts.rest;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.alert.Acknowledgement;
import io.outpost.api.hq.alert.AlertFilter;
import io.outpost.api.hq.alert.AlertRecord;
import io.outpost.api.hq.alert.AlertService;
import io.outpost.api.hq.alert.AlertState;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/alerts?state=&acked=&limit=}, {@code GET /api/v1/alerts/{id}} and
 * {@code POST /api/v1/alerts/{id}/ack} (acknowledged by the token's name; 404 for an unknown id, 409 when someone
 * acknowledged it before or it had resolved).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({AlertsServlet.PATH, AlertsServlet.PATH + "/*"})
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + AlertsServlet.API_CONTEXT + ")")
public final class AlertsServlet extends JsonServlet {

    static final String API_CONTEXT = "outpost-hq-api";
    static final String PATH = "/api/v1/alerts";
    static final int MAX_LIMIT = 1000;
    private static final long serialVersionUID = 1L;

    private final transient AlertService alerts;

    @Activate
    public AlertsServlet(@Reference AlertService alerts) {
        super(Set.of("GET", "POST"));
        this.alerts = alerts;
    }

    @Override
    void handle(String method, List<String> parts, HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        if (method.equals("GET") && parts.isEmpty()) {
            list(request, response);
        } else if (method.equals("GET") && parts.size() == 1) {
            long id = id("id", parts.get(0));
            Optional<AlertRecord> a = alerts.alert(id);
            if (a.isEmpty()) {
                notFound(request, response, "no alert " + id);
            } else {
                replies.ok(response, AlertJson.alert(replies.object(), a.get()));
            }
        } else if (method.equals("POST") && parts.size() == 2 && parts.get(1).equals("ack")) {
            ack(id("id", parts.get(0)), caller(request), response);
        } else if (parts.size() <= 1 || parts.size() == 2 && parts.get(1).equals("ack")) {
            replies.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed", method + " " + request.getRequestURI()
                    + " is not supported (GET /api/v1/alerts, GET /api/v1/alerts/{id}, POST /api/v1/alerts/{id}/ack)");
        } else {
            notFound(request, response, "no such resource: " + request.getRequestURI()
                    + " (try /api/v1/alerts, /api/v1/alerts/{id} or POST /api/v1/alerts/{id}/ack)");
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        AlertFilter filter = new AlertFilter(state(request.getParameter("state")), acked(request.getParameter("acked")));
        int limit = limit(request.getParameter("limit"));
        ObjectNode body = replies.object();
        ArrayNode list = body.putArray("alerts");
        for (AlertRecord a : alerts.alerts(filter, limit)) {
            AlertJson.alert(list.addObject(), a);
        }
        replies.ok(response, body);
    }

    private void ack(long id, String by, HttpServletResponse response) throws IOException {
        Acknowledgement result = alerts.acknowledge(id, by);
        Optional<AlertRecord> a = alerts.alert(id);
        switch (result) {
            case ACKNOWLEDGED -> {
                ObjectNode body = replies.object();
                body.put("result", "acknowledged");
                a.ifPresent(r -> AlertJson.alert(body.putObject("alert"), r));
                replies.ok(response, body);
            }
            case ALREADY_ACKNOWLEDGED -> replies.error(response, HttpServletResponse.SC_CONFLICT, "already_acknowledged", "alert " + id
                    + " was acknowledged before" + a.map(r -> " by " + r.acknowledgedBy().orElse("?") + " at "
                            + r.acknowledgedAt().map(Object::toString).orElse("?")).orElse(""));
            case ALREADY_RESOLVED -> replies.error(response, HttpServletResponse.SC_CONFLICT, "already_resolved", "alert " + id
                    + " had resolved" + a.flatMap(AlertRecord::resolvedAt).map(t -> " at " + t).orElse("") + "; nothing to acknowledge");
            case UNKNOWN_ALERT -> replies.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", "no alert " + id);
        }
    }

    static Optional<AlertState> state(String value) throws BadRequest {
        if (value == null || value.isEmpty() || value.equals("firing")) {
            return Optional.of(AlertState.FIRING);
        }
        return switch (value) {
            case "resolved" -> Optional.of(AlertState.RESOLVED);
            case "all" -> Optional.empty();
            default -> throw BadRequest.parameter("state", "'state' " + Shown.of(value) + " must be firing (the default), resolved or all");
        };
    }

    static Optional<Boolean> acked(String value) throws BadRequest {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw BadRequest.parameter("acked", "'acked' " + Shown.of(value) + " must be true or false");
        };
    }

    static int limit(String value) throws BadRequest {
        if (value == null || value.isEmpty()) {
            return 200;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw BadRequest.parameter("limit", "'limit' " + Shown.of(value) + " must be a whole number from 1 to " + MAX_LIMIT);
    }
}
