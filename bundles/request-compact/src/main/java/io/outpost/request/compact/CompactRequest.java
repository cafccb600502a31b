package io.outpost.request.compact;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.outpost.api.data.Value;
import io.outpost.api.profile.ControlMessage;

/**
 * The text of a compact command as a request: {@code <request-id> <APP-ID>/<VERB>/<resource...>[ <body>]}, e.g.
 * {@code r7 INVENTORY-V1/EXEC/bundles/_stop {"name":"io.outpost.filter"}}. The topic part is what follows the
 * gateway's control root on MQTT, so a request reads the same on both paths; the body is the rest of the text
 * (JSON for Kura's and Outpost's handlers). The requester is not in the text: the frame was sealed with the key
 * the gateway shares with HQ, so the requester is the configured HQ client id.
 *
 * @param requestId the first word; checked by the dispatcher like any {@code request.id}
 * @param topic     the second word
 * @param body      the rest, empty when none
 */
record CompactRequest(String requestId, String topic, String body) {

    static final String REQUEST_ID = "request.id";
    static final String REQUESTER = "requester.client.id";

    /** The request, or empty when the text does not have at least an id and a topic. */
    static Optional<CompactRequest> parse(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        String rest = t.substring(space + 1).stripLeading();
        int second = rest.indexOf(' ');
        String topic = second < 0 ? rest : rest.substring(0, second);
        if (topic.isEmpty() || topic.indexOf('/') < 0) {
            return Optional.empty();
        }
        return Optional.of(new CompactRequest(t.substring(0, space), topic, second < 0 ? "" : rest.substring(second + 1).strip()));
    }

    /** As the dispatcher takes requests, with the two id metrics. */
    ControlMessage toControlMessage(String requester) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put(REQUEST_ID, Value.of(requestId));
        metrics.put(REQUESTER, Value.of(requester));
        return new ControlMessage(topic, metrics, body.getBytes(StandardCharsets.UTF_8));
    }
}
