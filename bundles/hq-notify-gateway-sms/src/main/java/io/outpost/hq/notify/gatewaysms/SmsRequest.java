package io.outpost.hq.notify.gatewaysms;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The request HQ publishes: Kura JSON with {@code request.id} and {@code requester.client.id}, and the body
 * {@code {"to": ..., "text": ...}} in base64, as OUTPOST-SMS-V1 reads it. The text is the notification's subject,
 * made to fit one SMS: printable ASCII only (others become {@code ?}, a double quote a single one), at most 160.
 */
final class SmsRequest {

    static final int MAX_CHARS = 160;

    private SmsRequest() {
    }

    static String text(String subject) {
        StringBuilder out = new StringBuilder(Math.min(subject.length(), MAX_CHARS));
        for (int i = 0; i < subject.length() && out.length() < MAX_CHARS; i++) {
            char c = subject.charAt(i);
            out.append(c == '"' ? '\'' : c >= 0x20 && c < 0x7f ? c : c == '\n' || c == '\t' ? ' ' : '?');
        }
        if (subject.length() > MAX_CHARS) {
            out.setLength(MAX_CHARS - 3);
            out.append("...");
        }
        String t = out.toString().strip();
        return t.isEmpty() ? "(no subject)" : t;
    }

    static byte[] payload(String requestId, String requester, String to, String text, long nowMillis) {
        String body = "{\"to\":\"" + json(to) + "\",\"text\":\"" + json(text) + "\"}";
        String request = "{\"sentOn\":" + nowMillis + ",\"metrics\":{\"request.id\":\"" + json(requestId) + "\",\"requester.client.id\":\""
            + json(requester) + "\"},\"body\":\"" + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) + "\"}";
        return request.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
