package io.outpost.request.outpost;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.outpost.api.request.Request;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;
import io.outpost.json.JsonOut;
import io.outpost.json.JsonText;

/** The small pieces every handler here shares: matching a verb and resource, and JSON replies. */
final class Resources {

    private Resources() {
    }

    static boolean is(Request request, Verb verb, String resource) {
        return request.verb() == verb && request.resourcePath().equals(resource);
    }

    static Response json(Object body) {
        return Response.ok(JsonOut.write(body));
    }

    /** 404 naming what exists, as INVENTORY-V1 answers an unknown resource. */
    static Response unknown(Request request, String offered) {
        return Response.notFound(request.appId() + " has no " + request.verb() + " " + request.resourcePath() + " (it offers " + offered + ")");
    }

    /**
     * A request body as a JSON object; an empty body is an empty object. {@link IllegalArgumentException} (a 400)
     * when it is not UTF-8 or not an object, with {@code shape} saying what was expected.
     */
    static Map<?, ?> jsonObject(byte[] body, String shape) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("body is not UTF-8");
        }
        if (text.isBlank()) {
            return Map.of();
        }
        if (!(JsonText.parse(text) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("body must be a JSON object " + shape);
        }
        return object;
    }
}
