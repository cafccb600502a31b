package io.outpost.request.dispatcher;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.outpost.api.data.Value;
import io.outpost.api.profile.ControlMessage;
import io.outpost.api.request.Request;
import io.outpost.api.request.RequestHandler;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * One control message to at most one reply. In order: not a request (own birth, a reply or notification addressed
 * to this gateway) → ignored; no valid {@code request.id} or {@code requester.client.id} (a string that is one
 * topic level) → unanswerable, counted, never used in a topic; requester not allowed for the app → 403; verb not
 * GET/PUT/POST/DEL/EXEC → 400; no handler for the app id → 404; the handler's answer, or 500 if it throws. The
 * reply goes to {@code <requester>/<APP-ID>/REPLY/<request.id>} (the profile prefixes the account) as a
 * {@link MessageClass#REPLY} through the upstream, and the request is audited.
 */
final class RequestRouter {

    static final String REQUEST_ID = "request.id";
    static final String REQUESTER = "requester.client.id";
    static final String RESPONSE_CODE = "response.code";
    static final String EXCEPTION_MESSAGE = "response.exception.message";
    static final String LOCAL = "shell";

    private final HandlerRegistry handlers;
    private final Authorization authorization;
    private final Upstream upstream;
    private final Clock clock;
    private final RequestCounters counters;
    private final AuditTrail audit;

    RequestRouter(HandlerRegistry handlers, Authorization authorization, Upstream upstream, Clock clock, RequestCounters counters,
            AuditTrail audit) {
        this.handlers = handlers;
        this.authorization = authorization;
        this.upstream = upstream;
        this.clock = clock;
        this.counters = counters;
        this.audit = audit;
    }

    void dispatch(ControlMessage message) {
        dispatch(message, AuditEntry.VIA_MQTT);
    }

    void dispatch(ControlMessage message, String via) {
        long started = System.nanoTime();
        Optional<ControlTopic> parsed = ControlTopic.parse(message.topic());
        if (parsed.isPresent() && !parsed.get().isRequest()) {
            counters.countNotARequest();
            return;
        }
        String requestId = topicLevelMetric(message, REQUEST_ID);
        String requester = topicLevelMetric(message, REQUESTER);
        if (parsed.isEmpty() || requestId == null || requester == null) {
            counters.countUnanswerable();
            return;
        }
        ControlTopic topic = parsed.get();
        Response response = answer(topic, requester, requestId, message);
        long micros = (System.nanoTime() - started) / 1000;
        // over SMS and SBD one frame carries about 117 bytes: the code must fit, the message often does not (the audit keeps it)
        reply(topic.appId(), requester, requestId, response, AuditEntry.VIA_MQTT.equals(via));
        counters.countReply(topic.appId(), response.code(), micros);
        audit.record(new AuditEntry(clock.millis(), requester, topic.appId(), topic.verb(), topic.resourcePath(), requestId,
            response.code(), micros, via));
    }

    /**
     * A request typed in the local shell ({@code outpost:call}): the handler's answer, returned instead of sent
     * upstream, and audited with requester and entry point {@value #LOCAL}. The allow-list does not apply: whoever
     * has the console controls the gateway already.
     */
    Response callLocally(ControlTopic topic, byte[] body) {
        long started = System.nanoTime();
        String requestId = "local-" + clock.millis();
        Response response = invoke(topic, LOCAL, requestId, new ControlMessage(topic.appId() + "/" + topic.verb(), Map.of(), body));
        long micros = (System.nanoTime() - started) / 1000;
        counters.countReply(topic.appId(), response.code(), micros);
        audit.record(new AuditEntry(clock.millis(), LOCAL, topic.appId(), topic.verb(), topic.resourcePath(), requestId, response.code(), micros,
            LOCAL));
        return response;
    }

    private Response answer(ControlTopic topic, String requester, String requestId, ControlMessage message) {
        if (!authorization.allows(requester, topic.appId())) {
            return Response.error(Response.FORBIDDEN, "requester '" + requester + "' may not call " + topic.appId());
        }
        return invoke(topic, requester, requestId, message);
    }

    private Response invoke(ControlTopic topic, String requester, String requestId, ControlMessage message) {
        Optional<Verb> verb = Verb.of(topic.verb());
        if (verb.isEmpty()) {
            return Response.badRequest("unknown verb '" + AuditEntry.printable(topic.verb()) + "': GET, PUT, POST, DEL or EXEC");
        }
        Optional<RequestHandler> handler = handlers.handlerOf(topic.appId());
        if (handler.isEmpty()) {
            return Response.notFound("no application " + topic.appId() + " on this gateway");
        }
        Request request = new Request(topic.appId(), verb.get(), topic.resources(), requester, requestId, message.metrics(), message.body());
        try {
            Response response = handler.get().handle(request);
            return response != null ? response : Response.error(Response.INTERNAL_ERROR, topic.appId() + " gave no response");
        } catch (RuntimeException | LinkageError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Response.error(Response.INTERNAL_ERROR, why);
        }
    }

    private void reply(String appId, String requester, String requestId, Response response, boolean withMessage) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put(RESPONSE_CODE, Value.of(response.code()));
        if (withMessage && !response.message().isEmpty()) {
            metrics.put(EXCEPTION_MESSAGE, Value.of(response.message()));
        }
        response.metrics().forEach(metrics::putIfAbsent);
        UpstreamMessage reply = new UpstreamMessage(MessageClass.REPLY, requester + "/" + appId + "/REPLY/" + requestId, clock.millis(),
            metrics, response.body());
        try {
            upstream.send(reply).whenComplete((ack, failure) -> {
                if (failure != null || !ack.isDurable()) {
                    counters.countReplyRefused();
                }
            });
        } catch (RuntimeException e) {
            counters.countReplyRefused();
        }
    }

    /** The metric as a string that is one topic level, or null. */
    private static String topicLevelMetric(ControlMessage message, String name) {
        return message.metrics().get(name) instanceof Value.StringValue s && TopicLevel.isValid(s.value()) ? s.value() : null;
    }
}
