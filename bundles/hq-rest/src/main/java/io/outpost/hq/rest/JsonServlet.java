package io.outpost.hq.rest;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A read-only JSON endpoint: GET (and HEAD) only, a bad parameter answered 400 naming it, a failing database 503,
 * and nothing thrown to the container.
 */
abstract class JsonServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JsonServlet.class);

    final transient JsonReplies replies = new JsonReplies();

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            replies.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed", null,
                    method + " is not supported here; this endpoint is read with GET");
            return;
        }
        try {
            get(request, response);
        } catch (BadParameter e) {
            replies.badParameter(response, e);
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed: {}", method, request.getRequestURI(), e.toString());
            replies.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable", null,
                    "HQ cannot answer this now: " + e.getMessage());
        }
    }

    abstract void get(HttpServletRequest request, HttpServletResponse response) throws IOException, BadParameter;
}
