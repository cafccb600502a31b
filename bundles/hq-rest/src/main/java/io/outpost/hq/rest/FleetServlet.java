package io.outpost.hq.rest;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.outpost.api.hq.FleetRegistry;
import io.outpost.api.hq.GatewayRecord;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/v1/fleet}: every gateway with its state, last seen, model and application ids. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(FleetServlet.PATH)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + ApiContext.NAME + ")")
public final class FleetServlet extends JsonServlet {

    static final String PATH = "/api/v1/fleet";
    private static final long serialVersionUID = 1L;

    private final transient FleetRegistry fleet;

    @Activate
    public FleetServlet(@Reference FleetRegistry fleet) {
        this.fleet = fleet;
    }

    @Override
    void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ObjectNode body = replies.object();
        ArrayNode gateways = body.putArray("gateways");
        for (GatewayRecord g : fleet.gateways()) {
            GatewayJson.summary(gateways.addObject(), g);
        }
        replies.ok(response, body);
    }
}
