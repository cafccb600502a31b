package io.outpost.request.outpost;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.outpost.api.request.Request;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;

final class Requests {

    private Requests() {
    }

    static Request of(String appId, Verb verb, String resource, String body) {
        List<String> resources = resource.isEmpty() ? List.of() : Arrays.asList(resource.split("/"));
        return new Request(appId, verb, resources, "hq", "r-1", Map.of(), body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static String body(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
