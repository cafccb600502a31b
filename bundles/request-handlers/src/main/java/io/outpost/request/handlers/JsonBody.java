package io.outpost.request.handlers;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.outpost.json.JsonText;

/** Reading a request body: UTF-8 JSON, with the shape checks handlers need; a bad body is an IllegalArgumentException saying why (400). */
final class JsonBody {

    private JsonBody() {
    }

    /** The body parsed, or null when it is empty. */
    static Object parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("body is not UTF-8");
        }
        if (text.isBlank()) {
            return null;
        }
        return JsonText.parse(text);
    }

    static List<?> array(Object json, String what) {
        if (json instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(what + " must be a JSON array");
    }

    static Map<?, ?> object(Object json, String what) {
        if (json instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException(what + " must be a JSON object");
    }

    static String string(Map<?, ?> object, String field, String what) {
        if (object.get(field) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + ": '" + field + "' must be a string");
    }
}
