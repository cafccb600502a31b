package io.outpost.api.request;

import org.osgi.annotation.versioning.ProviderType;

import io.outpost.api.profile.ControlMessage;

/**
 * Routes control messages to the {@link RequestHandler}s and sends each answerable one exactly one reply
 * upstream. Entry points (the MQTT link's control topics; authenticated SMS and SBD commands) decode what they
 * received into a {@link ControlMessage} and call {@code dispatch} on a thread of their own bounded pool, never on
 * a network callback thread. 1.1: {@link #dispatch(ControlMessage, String)} for entry points other than MQTT.
 */
@ProviderType
public interface RequestDispatcher {

    /**
     * Handles one message on the caller's thread and returns once its reply was handed to the upstream (or it was
     * counted as unanswerable or as not a request, e.g. the gateway's own birth certificate). Never throws.
     */
    void dispatch(ControlMessage message);

    /**
     * Handles one message that arrived over an entry point other than the MQTT control topics, e.g. a command
     * that a cellular or satellite link authenticated. The checks, the handlers and the reply path are the same
     * as for {@link #dispatch(ControlMessage)}: the reply goes upstream through the outbox, without
     * {@code response.exception.message} (an SMS or SBD frame has room for the code, not for prose). The audit names the
     * entry point. The default ignores {@code via}.
     *
     * @param message the request, its topic below the gateway's control root ({@code <APP-ID>/<VERB>/<resource...>})
     * @param via     the entry point, e.g. the link id {@code cellular-sms}; one topic level
     * @since 1.1
     */
    default void dispatch(ControlMessage message, String via) {
        dispatch(message);
    }

}
