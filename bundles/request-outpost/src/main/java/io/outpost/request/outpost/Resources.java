package io.outpost.request.outpost;

import io.outpost.api.request.Request;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;
import io.outpost.json.JsonOut;

/** The small pieces every handler here shares: matching a verb and resource, and JSON replies. */
final class Resources {

    private Resources() {
    }

    static boolean is(Request request, Verb verb, String resource) {
        return request.verb() == verb && request.resourcePath().equals(resource);
    }

    static Response json(Object body) {
        return Response.ok(JsonOut.write(body));
    }

    /** 404 naming what exists, as INVENTORY-V1 answers an unknown resource. */
    static Response unknown(Request request, String offered) {
        return Response.notFound(request.appId() + " has no " + request.verb() + " " + request.resourcePath() + " (it offers " + offered + ")");
    }
}
