package io.outpost.hq.alerts;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template: {@code {name}} is replaced by the value of that name ({@code rule}, {@code state},
 * {@code subject}, {@code gateway}, {@code device}, {@code channel}, {@code detail}, {@code firedAt},
 * {@code alertId}, {@code ackLink}); an unknown name is left as written, so a typo shows in the message.
 */
final class Template {

    private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z]+)}");

    private Template() {
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
