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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.alert.AlertService;
import io.outpost.api.hq.alert.RuleRecord;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/rules}, {@code GET/PUT/DELETE /api/v1/rules/{name}}. PUT takes the rule's JSON, the same as a
 * rule file (its {@code name} may be left out; when given it must be the path's); the engine's rule parser checks
 * it, and a bad rule is a 400 naming the field with nothing changed. Rules put here live in HQ's database, shared by
 * every instance; a rule file's name is refused with 409, since the file is that rule's source.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({RulesServlet.PATH, RulesServlet.PATH + "/*"})
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + AlertsServlet.API_CONTEXT + ")")
public final class RulesServlet extends JsonServlet {

    static final String PATH = "/api/v1/rules";
    private static final long serialVersionUID = 1L;

    private final transient AlertService alerts;

    @Activate
    public RulesServlet(@Reference AlertService alerts) {
        super(Set.of("GET", "PUT", "DELETE"));
        this.alerts = alerts;
    }

    @Override
    void handle(String method, List<String> parts, HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        if (parts.isEmpty()) {
            if (!method.equals("GET")) {
                replies.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed",
                        method + " /api/v1/rules is not supported; PUT or DELETE /api/v1/rules/{name}");
                return;
            }
            ObjectNode body = replies.object();
            ArrayNode list = body.putArray("rules");
            for (RuleRecord r : alerts.rules()) {
                AlertJson.rule(list.addObject(), r, replies);
            }
            replies.ok(response, body);
            return;
        }
        if (parts.size() != 1 || parts.get(0).isEmpty()) {
            notFound(request, response, "no such resource: " + request.getRequestURI() + " (try /api/v1/rules/{name})");
            return;
        }
        String name = parts.get(0);
        Optional<RuleRecord> known = alerts.rules().stream().filter(r -> r.name().equals(name)).findFirst();
        switch (method) {
            case "GET" -> {
                if (known.isEmpty()) {
                    notFound(request, response, "no alert rule '" + name + "'");
                } else {
                    replies.ok(response, AlertJson.rule(replies.object(), known.get(), replies));
                }
            }
            case "PUT" -> put(name, known, request, response);
            default -> delete(name, known, request, response);
        }
    }

    private void put(String name, Optional<RuleRecord> known, HttpServletRequest request, HttpServletResponse response) throws IOException, BadRequest {
        if (known.isPresent() && fromFile(known.get())) {
            fileOwned(known.get(), response);
            return;
        }
        ObjectNode rule = replies.body(request.getInputStream());
        JsonNode given = rule.get("name");
        if (given == null) {
            ObjectNode named = replies.object();
            named.put("name", name);
            named.setAll(rule);
            rule = named;
        } else if (!given.isTextual() || !given.asText().equals(name)) {
            throw BadRequest.field("name", "alert rule: 'name' " + given + " is not the name in the path, '" + name + "'");
        }
        RuleRecord saved = alerts.putRule(replies.text(rule));
        replies.write(response, known.isPresent() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_CREATED,
                AlertJson.rule(replies.object(), saved, replies));
    }

    private void delete(String name, Optional<RuleRecord> known, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (known.isPresent() && fromFile(known.get())) {
            fileOwned(known.get(), response);
        } else if (alerts.removeRule(name)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            notFound(request, response, "no alert rule '" + name + "'");
        }
    }

    private static boolean fromFile(RuleRecord r) {
        return r.source().startsWith("file:");
    }

    private void fileOwned(RuleRecord r, HttpServletResponse response) throws IOException {
        replies.error(response, HttpServletResponse.SC_CONFLICT, "rule_file", "alert rule '" + r.name() + "' comes from the rule file "
                + r.source().substring("file:".length()) + "; change or remove that file, or choose another name");
    }
}
