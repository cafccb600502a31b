package io.outpost.request.dispatcher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A control topic below the gateway's root, split: {@code <APP-ID>/<VERB>/<resource...>}. The verb is kept as
 * text so that a wrong verb can still be answered (400); {@link #isRequest()} tells requests from the other
 * traffic on the control filter (the gateway's own {@code MQTT/BIRTH}, replies and notifications addressed to it).
 */
record ControlTopic(String appId, String verb, List<String> resources) {

    /** Application ids that carry no requests: Kura's lifecycle messages. */
    private static final String LIFECYCLE_APP = "MQTT";

    ControlTopic {
        resources = List.copyOf(resources);
    }

    /** Empty when the topic has fewer than two levels or an empty level. */
    static Optional<ControlTopic> parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length < 2 || Arrays.stream(levels).anyMatch(String::isEmpty)) {
            return Optional.empty();
        }
        return Optional.of(new ControlTopic(levels[0], levels[1], Arrays.asList(levels).subList(2, levels.length)));
    }

    boolean isRequest() {
        return !LIFECYCLE_APP.equals(appId) && !"REPLY".equals(verb) && !"NOTIFY".equals(verb);
    }

    String resourcePath() {
        return String.join("/", resources);
    }
}
