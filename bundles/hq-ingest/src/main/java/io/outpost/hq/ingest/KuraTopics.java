package io.outpost.hq.ingest;

import java.util.regex.Pattern;

import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.MessageClass;

/**
 * Routes the kura profile's topics (docs/protocol.md): {@code <account>/<client-id>/data/<device>},
 * {@code <account>/<client-id>/alarms/<device>} and {@code $EDC/<account>/<client-id>/MQTT/<BIRTH|APPS|DC|LWT>}.
 * Account and client id must be 1-128 characters of letters, digits and {@code . _ - : @}; a device 1-255 printable
 * characters. Anything else is rejected by name, never guessed at.
 */
final class KuraTopics {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{N}._:@-]{1,128}");
    private static final Pattern DEVICE = Pattern.compile("[^\\p{Cntrl}+#]{1,255}");

    private final String controlPrefix;

    KuraTopics(String controlPrefix) {
        this.controlPrefix = controlPrefix;
    }

    Route route(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length > 0 && levels[0].equals(controlPrefix)) {
            return lifecycle(levels, topic);
        }
        if (levels.length < 4) {
            return new Route.Rejected("unknown topic", shown(topic));
        }
        MessageClass messageClass = switch (levels[2]) {
            case "data" -> MessageClass.DATA;
            case "alarms" -> MessageClass.ALARM;
            default -> null;
        };
        if (messageClass == null) {
            return new Route.Rejected("unknown topic", shown(topic));
        }
        if (!IDENTIFIER.matcher(levels[0]).matches() || !IDENTIFIER.matcher(levels[1]).matches()) {
            return new Route.Rejected("odd account or client id", shown(topic));
        }
        String device = String.join("/", java.util.Arrays.copyOfRange(levels, 3, levels.length));
        if (!DEVICE.matcher(device).matches()) {
            return new Route.Rejected("odd device name", shown(topic));
        }
        return new Route.Data(new GatewayId(levels[0], levels[1]), device, messageClass);
    }

    private Route lifecycle(String[] levels, String topic) {
        if (levels.length < 4) {
            return new Route.Rejected("unknown topic", shown(topic));
        }
        if (!IDENTIFIER.matcher(levels[1]).matches() || !IDENTIFIER.matcher(levels[2]).matches()) {
            return new Route.Rejected("odd account or client id", shown(topic));
        }
        if (levels.length != 5 || !levels[3].equals("MQTT")) {
            return new Route.Ignored();
        }
        for (LifecycleEvent event : LifecycleEvent.values()) {
            if (event.name().equals(levels[4])) {
                return new Route.Lifecycle(new GatewayId(levels[1], levels[2]), event);
            }
        }
        return new Route.Rejected("unknown lifecycle topic", shown(topic));
    }

    /** A topic as it may appear in a log line: clipped, control characters replaced. */
    static String shown(String topic) {
        return KuraProtobufDecoder.printable(topic.length() > 200 ? topic.substring(0, 200) : topic);
    }
}
