package io.outpost.hq.rest;

import java.io.IOException;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.IngestStatistics;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/v1/ingest}: this instance's ingest counters (stored, duplicate, rate-limited, ...). Counts are per
 * HQ instance, so with several instances each answers for itself. 503 while ingest is not running.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(IngestServlet.PATH)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + ApiContext.NAME + ")")
public final class IngestServlet extends JsonServlet {

    static final String PATH = "/api/v1/ingest";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile IngestStatistics statistics;

    @Override
    void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        IngestStatistics current = statistics;
        if (current == null) {
            replies.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "unavailable", null,
                    "ingest is not running on this instance (no io.outpost.hq.ingest configuration, or it was refused)");
            return;
        }
        ObjectNode body = replies.object();
        ObjectNode counters = body.putObject("counters");
        for (Map.Entry<String, Long> e : current.counters().entrySet()) {
            counters.put(e.getKey(), e.getValue());
        }
        replies.ok(response, body);
    }
}
