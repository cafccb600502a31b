package io.outpost.api.request;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One remote API, registered as a service with the {@link #APP_ID} property (whiteboard): installing a bundle
 * with a handler adds the API, removing it removes it. Called on the dispatcher's threads, possibly concurrently.
 * A handler answers every request with a {@link Response}; an exception it throws becomes a 500 reply.
 */
@ConsumerType
public interface RequestHandler {

    /** Service property: the application id the handler answers, e.g. {@code ASSET-V1}; one topic level. */
    String APP_ID = "outpost.request.app";

    Response handle(Request request);
}
