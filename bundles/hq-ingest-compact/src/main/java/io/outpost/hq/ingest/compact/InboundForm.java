package io.outpost.hq.ingest.compact;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.outpost.codec.compact.SmsText;

/**
 * What a provider's callback posts ({@code application/x-www-form-urlencoded}): for SMS the message text in
 * {@code text} (the gateway's {@code OP1:} form), for SBD the message bytes in hex in {@code data} (as RockBLOCK-style
 * services post them). Each parse names the field that is wrong.
 */
final class InboundForm {

    static final int MAX_BODY_BYTES = 4096;

    private InboundForm() {
    }

    static Map<String, String> fields(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(name, value);
        }
        return out;
    }

    /** The frame in an SMS's {@code text}. */
    static byte[] smsFrame(Map<String, String> fields) {
        String text = fields.get("text");
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("'text' is missing");
        }
        Optional<byte[]> frame = SmsText.decode(text.strip());
        return frame.orElseThrow(() -> new IllegalArgumentException("'text' is not an Outpost frame (" + SmsText.PREFIX + "...)"));
    }

    /** The frame in an SBD message's {@code data}, hex. */
    static byte[] sbdFrame(Map<String, String> fields) {
        String data = fields.get("data");
        if (data == null || data.isEmpty()) {
            throw new IllegalArgumentException("'data' is missing");
        }
        try {
            return HexFormat.of().parseHex(data.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'data' is not hex: " + e.getMessage());
        }
    }
}
