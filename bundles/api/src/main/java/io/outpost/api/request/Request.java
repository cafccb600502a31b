package io.outpost.api.request;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.outpost.api.data.Value;

/**
 * One request for a {@link RequestHandler}, already parsed, checked and authorized. Immutable.
 *
 * @param appId     the application id (topic level after the client id), e.g. {@code ASSET-V1}
 * @param verb      the verb
 * @param resources the topic levels after the verb, e.g. {@code [bundles, _start]}; may be empty
 * @param requester the {@code requester.client.id} the reply goes to
 * @param requestId the {@code request.id}
 * @param metrics   every metric of the request, including the two ids
 * @param body      the request body, empty when none
 */
public record Request(String appId, Verb verb, List<String> resources, String requester, String requestId,
                      Map<String, Value> metrics, byte[] body) {

    public Request {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(verb, "verb");
        resources = List.copyOf(resources);
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(requestId, "requestId");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The resources joined by {@code /}, e.g. {@code bundles/_start}. */
    public String resourcePath() {
        return String.join("/", resources);
    }
}
