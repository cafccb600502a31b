package io.outpost.hq.alerts.rest;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads JSON bodies and writes JSON answers and errors in the API's shape:
 * {@code {"error": code, "parameter"|"field": name, "message": text}}.
 */
final class JsonReplies {

    static final int MAX_BODY = 64 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** The JSON text as a tree; {@code null} when it is not JSON (it was checked before it was stored). */
    JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    String text(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always writes", e);
        }
    }

    /** A request body of at most {@link #MAX_BODY} bytes, as one JSON object. */
    ObjectNode body(InputStream in) throws IOException, BadRequest {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw BadRequest.field(null, "the body is longer than " + MAX_BODY + " bytes");
        }
        JsonNode node;
        try {
            node = bytes.length == 0 ? null : mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw BadRequest.field(null, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw BadRequest.field(null, "the body must be one JSON object");
        }
        return o;
    }

    void ok(HttpServletResponse response, Object body) throws IOException {
        write(response, HttpServletResponse.SC_OK, body);
    }

    void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        mapper.writeValue(response.getOutputStream(), body);
    }

    void error(HttpServletResponse response, int status, String code, String message) throws IOException {
        ObjectNode body = object();
        body.put("error", code);
        body.put("message", message);
        write(response, status, body);
    }

    void bad(HttpServletResponse response, String kind, String name, String message) throws IOException {
        ObjectNode body = object();
        body.put("error", "bad_" + kind);
        if (name != null) {
            body.put(kind, name);
        }
        body.put("message", message);
        write(response, HttpServletResponse.SC_BAD_REQUEST, body);
    }
}
