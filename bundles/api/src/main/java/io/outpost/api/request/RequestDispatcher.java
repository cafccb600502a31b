package io.outpost.api.request;

import org.osgi.annotation.versioning.ProviderType;

import io.outpost.api.profile.ControlMessage;

/**
 * Routes control messages to the {@link RequestHandler}s and sends each answerable one exactly one reply
 * upstream. Entry points (the MQTT link today; SMS and SBD later) decode with their profile and call
 * {@link #dispatch} on a thread of their own bounded pool, never on a network callback thread.
 */
@ProviderType
public interface RequestDispatcher {

    /**
     * Handles one message on the caller's thread and returns once its reply was handed to the upstream (or it was
     * counted as unanswerable or as not a request, e.g. the gateway's own birth certificate). Never throws.
     */
    void dispatch(ControlMessage message);

}
