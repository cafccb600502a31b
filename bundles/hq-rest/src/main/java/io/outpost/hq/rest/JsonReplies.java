package io.outpost.hq.rest;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletResponse;

/** Writes JSON answers and JSON errors: {@code {"error": code, "parameter": name, "message": text}}. */
final class JsonReplies {

    private final ObjectMapper mapper = new ObjectMapper();

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    void ok(HttpServletResponse response, Object body) throws IOException {
        write(response, HttpServletResponse.SC_OK, body);
    }

    void error(HttpServletResponse response, int status, String code, String parameter, String message) throws IOException {
        ObjectNode body = object();
        body.put("error", code);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        body.put("message", message);
        write(response, status, body);
    }

    void badParameter(HttpServletResponse response, BadParameter e) throws IOException {
        error(response, HttpServletResponse.SC_BAD_REQUEST, "bad_parameter", e.parameter(), e.getMessage());
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), body);
    }
}
