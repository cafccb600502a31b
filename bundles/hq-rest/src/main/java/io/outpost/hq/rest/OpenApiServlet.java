package io.outpost.hq.rest;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of the API, a file of this bundle. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(OpenApiServlet.PATH)
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=" + ApiContext.NAME + ")")
public final class OpenApiServlet extends JsonServlet {

    static final String PATH = "/api/v1/openapi.json";
    private static final long serialVersionUID = 1L;

    @Override
    void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try (InputStream in = OpenApiServlet.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                replies.error(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal", null, "openapi.json is missing from the bundle");
                return;
            }
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            in.transferTo(response.getOutputStream());
        }
    }
}
