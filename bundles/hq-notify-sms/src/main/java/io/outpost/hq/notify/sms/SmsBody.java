package io.outpost.hq.notify.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the body template, each value encoded for the request's content type (form encoding or a JSON string's inside). */
final class SmsBody {

    private static final Pattern FIELD = Pattern.compile("\\{([a-z]+)}");

    private SmsBody() {
    }

    static String fill(String template, boolean json, Map<String, String> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            String encoded = v == null ? m.group() : json ? jsonInside(v) : URLEncoder.encode(v, StandardCharsets.UTF_8);
            m.appendReplacement(out, Matcher.quoteReplacement(encoded));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String jsonInside(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
