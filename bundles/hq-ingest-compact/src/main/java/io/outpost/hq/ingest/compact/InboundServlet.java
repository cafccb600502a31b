package io.outpost.hq.ingest.compact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.hq.IngestStore;
import io.outpost.codec.compact.Bearer;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/v1/inbound/sms} (field {@code text}) and {@code POST /api/v1/inbound/sbd} (field {@code data}, hex),
 * in the REST API's context, so a provider calls them with an API token. A frame stored or already stored: 200
 * {@code {"outcome": "stored"|"duplicate"}}. A frame refused for good (unknown gateway, not authentic, not a
 * message): 200 with that outcome and why, so the provider does not retry it; it is counted and logged at the 1st,
 * 2nd, 4th, 8th... time. A form that is not one: 400 naming the field. A store that failed: 503, post it again.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({InboundServlet.SMS, InboundServlet.SBD})
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=outpost-hq-api)")
public final class InboundServlet extends HttpServlet {

    static final String SMS = "/api/v1/inbound/sms";
    static final String SBD = "/api/v1/inbound/sbd";
    private static final Logger LOG = LoggerFactory.getLogger(InboundServlet.class);
    private static final long serialVersionUID = 1L;

    private final transient List<CompactGateway> gateways = new CopyOnWriteArrayList<>();
    private final transient Map<CompactInbound.Outcome, LongAdder> counts = new ConcurrentHashMap<>();
    private final transient CompactInbound inbound;
    private final transient Clock clock = Clock.systemUTC();

    @Activate
    public InboundServlet(@Reference IngestStore store) {
        this.inbound = new CompactInbound(id -> gateways.stream().filter(g -> g.id() == id).findFirst().orElse(null), store);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeGateway")
    void addGateway(CompactGateway gateway) {
        gateways.add(gateway);
    }

    void removeGateway(CompactGateway gateway) {
        gateways.remove(gateway);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Bearer bearer = SMS.equals(request.getServletPath()) ? Bearer.SMS : Bearer.SATELLITE;
        byte[] frame;
        try {
            Map<String, String> fields = InboundForm.fields(body(request));
            frame = bearer == Bearer.SMS ? InboundForm.smsFrame(fields) : InboundForm.sbdFrame(fields);
        } catch (IllegalArgumentException e) {
            reply(response, 400, "{\"error\":\"" + json(e.getMessage()) + "\"}");
            return;
        }
        CompactInbound.Result result;
        try {
            result = inbound.receive(bearer, frame, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("compact {} frame: storing it failed: {}", bearer, e.toString());
            reply(response, 503, "{\"error\":\"storing it failed; post it again\"}");
            return;
        }
        long n = counts.computeIfAbsent(result.outcome(), o -> new LongAdder()).sum();
        counts.get(result.outcome()).increment();
        if (result.outcome() != CompactInbound.Outcome.STORED && result.outcome() != CompactInbound.Outcome.DUPLICATE && Long.bitCount(n + 1) == 1) {
            LOG.warn("compact {} frame not stored ({} so far): {} {}", bearer, n + 1, result.outcome(), result.detail());
        }
        reply(response, 200, "{\"outcome\":\"" + result.outcome().name().toLowerCase(java.util.Locale.ROOT) + "\""
            + (result.detail().isEmpty() ? "" : ",\"detail\":\"" + json(result.detail()) + "\"") + "}");
    }

    private static String body(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(InboundForm.MAX_BODY_BYTES + 1);
            if (bytes.length > InboundForm.MAX_BODY_BYTES) {
                throw new IllegalArgumentException("the form is over " + InboundForm.MAX_BODY_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void reply(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
    }
}
