package io.outpost.api.request;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.outpost.api.data.Value;

/**
 * A handler's answer. The dispatcher adds {@code response.code} and, when {@code message} is not empty,
 * {@code response.exception.message}. Immutable.
 *
 * @param code    one of the {@code *} constants (HTTP-like, as Kura uses them)
 * @param message why it failed, for codes other than 200; empty otherwise
 * @param metrics extra reply metrics
 * @param body    the reply body (Kura's handlers send JSON), empty when none
 */
public record Response(int code, String message, Map<String, Value> metrics, byte[] body) {

    public static final int OK = 200;
    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int INTERNAL_ERROR = 500;
    public static final int UNAVAILABLE = 503;

    public Response {
        message = message == null ? "" : message;
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public static Response ok() {
        return new Response(OK, "", Map.of(), null);
    }

    /** 200 with a UTF-8 text body (JSON for Kura's handlers). */
    public static Response ok(String body) {
        return new Response(OK, "", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response error(int code, String message) {
        return new Response(code, message, Map.of(), null);
    }

    public static Response badRequest(String message) {
        return error(BAD_REQUEST, message);
    }

    public static Response notFound(String message) {
        return error(NOT_FOUND, message);
    }
}
