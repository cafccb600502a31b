package io.outpost.hq.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.outpost.api.hq.MalformedPayloadException;

/**
 * A small strict JSON (RFC 8259) reader into maps, lists, strings, numbers, booleans and {@link #NULL}. Whole numbers
 * without fraction or exponent that fit a long are {@link Long}, other numbers {@link Double}. Nesting is limited,
 * so deep garbage cannot exhaust the stack.
 */
final class JsonReader {

    /** JSON null (maps and lists hold no Java null). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private JsonReader(String text) {
        this.text = text;
    }

    static Object read(String text) throws MalformedPayloadException {
        JsonReader reader = new JsonReader(text);
        reader.space();
        Object value = reader.value(0);
        reader.space();
        if (reader.at != text.length()) {
            throw reader.error("text after the value");
        }
        return value;
    }

    private Object value(int depth) throws MalformedPayloadException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        if (at >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + (Character.isISOControl(c) ? '?' : c) + "'");
            }
        };
    }

    private Map<String, Object> object(int depth) throws MalformedPayloadException {
        Map<String, Object> out = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return out;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("a member name must be a string");
            }
            String name = string();
            space();
            expect(':');
            space();
            out.put(name, value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array(int depth) throws MalformedPayloadException {
        List<Object> out = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return out;
        }
        while (true) {
            space();
            out.add(value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private String string() throws MalformedPayloadException {
        at++;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("a control character inside a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                throw error("an escape is cut off");
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("a \\u escape is cut off");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException x) {
                        throw error("a \\u escape is not hexadecimal");
                    }
                    at += 4;
                }
                default -> throw error("unknown escape \\" + (Character.isISOControl(e) ? '?' : e));
            }
        }
    }

    private Object number() throws MalformedPayloadException {
        int start = at;
        if (peek('-')) {
            at++;
        }
        int digits = digits();
        if (digits == 0) {
            throw error("a number without digits");
        }
        if (digits > 1 && text.charAt(at - digits) == '0') {
            throw error("a number with a leading zero");
        }
        boolean whole = true;
        if (peek('.')) {
            at++;
            whole = false;
            if (digits() == 0) {
                throw error("no digits after the decimal point");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            whole = false;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (digits() == 0) {
                throw error("no digits in the exponent");
            }
        }
        String literal = text.substring(start, at);
        if (whole && literal.length() <= 19) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // falls through to a double
            }
        }
        return Double.parseDouble(literal);
    }

    private int digits() {
        int n = 0;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
            n++;
        }
        return n;
    }

    private Object literal(String word, Object value) throws MalformedPayloadException {
        if (!text.startsWith(word, at)) {
            throw error("unknown literal");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) throws MalformedPayloadException {
        if (!peek(c)) {
            throw error("'" + c + "' expected");
        }
        at++;
    }

    private MalformedPayloadException error(String what) {
        return new MalformedPayloadException("JSON: " + what + " at character " + at);
    }
}
