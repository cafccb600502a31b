package io.outpost.hq.alerts.rest;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.alert.InvalidFieldException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A JSON endpoint of the API: the methods it allows (others 405), its path below the servlet's pattern split into
 * parts, a bad parameter or field answered 400 naming it, a failing database 503, and nothing thrown to the
 * container.
 */
abstract class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JsonServlet.class);

    final transient JsonReplies replies = new JsonReplies();
    private final transient Set<String> methods;

    JsonServlet(Set<String> methods) {
        this.methods = Set.copyOf(methods);
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
        if (!methods.contains(method)) {
            response.setHeader("Allow", String.join(", ", methods.stream().sorted().toList()));
            replies.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed",
                    method + " is not supported here (" + String.join(", ", methods.stream().sorted().toList()) + ")");
            return;
        }
        try {
            handle(method, parts(request), request, response);
        } catch (BadRequest e) {
            replies.bad(response, e.kind(), e.name(), e.getMessage());
        } catch (InvalidFieldException e) {
            replies.bad(response, "field", e.field().orElse(null), e.getMessage());
        } catch (IllegalArgumentException e) {
            replies.bad(response, "field", null, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, request.getRequestURI(), e.toString());
            replies.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable", "HQ cannot answer this now: " + e.getMessage());
        }
    }

    /** The path below the servlet's pattern: {@code /api/v1/alerts/7/ack} → {@code [7, ack]}; the bare pattern → []. */
    static List<String> parts(HttpServletRequest request) {
        String info = request.getPathInfo();
        if (info == null || info.isEmpty() || info.equals("/")) {
            return List.of();
        }
        return List.of((info.startsWith("/") ? info.substring(1) : info).split("/", -1));
    }

    /** Who made the request: the API token's name, which {@code ApiContext} set as the remote user. */
    static String caller(HttpServletRequest request) {
        String user = request.getRemoteUser();
        return user == null || user.isBlank() ? "api" : user;
    }

    void notFound(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        replies.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found", message);
    }

    static long id(String name, String text) throws BadRequest {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw BadRequest.parameter(name, "'" + name + "' " + Shown.of(text) + " is not an id (a positive whole number)");
    }

    abstract void handle(String method, List<String> parts, HttpServletRequest request, HttpServletResponse response)
            throws IOException, BadRequest;
}
