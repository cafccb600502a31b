/**
 * The request dispatcher: parses a control message's topic ({@code <APP-ID>/<VERB>/<resource...>}), checks the
 * {@code request.id} and {@code requester.client.id} (each one topic level, or the message is unanswerable and
 * only counted), authorizes the requester per app id, calls the app's {@link io.outpost.api.request.RequestHandler}
 * and sends exactly one reply upstream as {@link io.outpost.api.upstream.MessageClass#REPLY}. Every answered
 * request is audited (file and counters).
 */
package io.outpost.request.dispatcher;
