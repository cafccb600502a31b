package io.outpost.hq.notify.webhook;

import java.time.Instant;
import java.util.stream.Collectors;

import io.outpost.api.hq.alert.Notification;

/** The webhook's body: one JSON object, field names as in {@link Notification}, plus {@code sentAt}. */
final class NotificationJson {

    private NotificationJson() {
    }

    static String of(Notification n, Instant sentAt) {
        return "{\"key\":" + text(n.key()) + ",\"kind\":" + text(n.kind()) + ",\"rule\":" + text(n.rule())
                + ",\"alertIds\":[" + n.alertIds().stream().map(String::valueOf).collect(Collectors.joining(",")) + "]"
                + ",\"to\":" + text(n.to()) + ",\"subject\":" + text(n.subject()) + ",\"body\":" + text(n.body())
                + ",\"ackLink\":" + text(n.ackLink()) + ",\"sentAt\":" + text(sentAt.toString()) + "}";
    }

    static String text(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
