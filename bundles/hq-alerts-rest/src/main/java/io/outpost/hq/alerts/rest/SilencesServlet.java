package io.outpost.hq.alerts.rest;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.alert.AlertService;
import io.outpost.api.hq.alert.SilenceRecord;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/silences} (those not ended), {@code POST /api/v1/silences} with
 * {@code {"rule", "subjectPrefix", "from", "until" | "for", "reason"}} (created by the token's name) and
 * {@code DELETE /api/v1/silences/{id}} (ends it now).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({SilencesServlet.PATH, SilencesServlet.PATH + "/*"})
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + AlertsServlet.API_CONTEXT + ")")
public final class SilencesServlet extends JsonServlet {

    static final String PATH = "/api/v1/silences";
    private static final Set<String> FIELDS = Set.of("rule", "subjectPrefix", "from", "until", "for", "reason");
    private static final long serialVersionUID = 1L;

    private final transient AlertService alerts;
    private final transient Clock clock;

    @Activate
    public SilencesServlet(@Reference AlertService alerts) {
        super(Set.of("GET", "POST", "DELETE"));
        this.alerts = alerts;
        this.clock = Clock.systemUTC();
    }

    @Override
    void handle(String method, List<String> parts, HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        if (parts.isEmpty() && method.equals("GET")) {
            ObjectNode body = replies.object();
            ArrayNode list = body.putArray("silences");
            for (SilenceRecord s : alerts.silences()) {
                AlertJson.silence(list.addObject(), s);
            }
            replies.ok(response, body);
        } else if (parts.isEmpty() && method.equals("POST")) {
            SilenceRecord s = create(replies.body(request.getInputStream()), caller(request));
            replies.write(response, HttpServletResponse.SC_CREATED, AlertJson.silence(replies.object(), s));
        } else if (parts.size() == 1 && method.equals("DELETE")) {
            long id = id("id", parts.get(0));
            if (alerts.endSilence(id)) {
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            } else {
                notFound(request, response, "no running silence " + id);
            }
        } else if (parts.size() <= 1) {
            replies.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed", method + " " + request.getRequestURI()
                    + " is not supported (GET or POST /api/v1/silences, DELETE /api/v1/silences/{id})");
        } else {
            notFound(request, response, "no such resource: " + request.getRequestURI());
        }
    }

    private SilenceRecord create(ObjectNode body, String by) throws BadRequest {
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw BadRequest.field(f, "silence: '" + f + "' is not a field here (known: for, from, reason, rule, subjectPrefix, until)");
            }
        }
        Instant now = clock.instant();
        Instant from = body.has("from") ? instant(body, "from") : now;
        Instant until;
        if (body.has("until") == body.has("for")) {
            throw BadRequest.field("until", "silence: give either 'until' (an ISO-8601 instant) or 'for' (a duration: 90s, 15m, 2h, 7d)");
        } else if (body.has("until")) {
            until = instant(body, "until");
        } else {
            until = from.plus(Durations.parse("for", text(body, "for")));
        }
        return alerts.silence(text(body, "rule"), body.has("subjectPrefix") ? text(body, "subjectPrefix") : "", from, until,
                body.has("reason") ? text(body, "reason") : "", by);
    }

    private static String text(ObjectNode body, String field) throws BadRequest {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual()) {
            throw BadRequest.field(field, "silence: '" + field + "' " + (v == null ? "is missing" : v + " must be a string"));
        }
        return v.asText();
    }

    private static Instant instant(ObjectNode body, String field) throws BadRequest {
        String s = text(body, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw BadRequest.field(field, "silence: '" + field + "' " + Shown.of(s) + " is not an ISO-8601 instant (2026-06-01T10:00:00Z)");
        }
    }
}
