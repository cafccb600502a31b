package io.outpost.request.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.outpost.api.data.Value;
import io.outpost.api.profile.ControlMessage;
import io.outpost.api.request.Request;
import io.outpost.api.request.Response;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

class RequestRouterTest {

    private final RecordingUpstream upstream = new RecordingUpstream();
    private final HandlerRegistry handlers = new HandlerRegistry();
    private final RequestCounters counters = new RequestCounters();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final RequestRouter router = new RequestRouter(handlers, Authorization.parse("hq", new String[] {"OPEN-V1=hq,ops; EMPTY-V1="}), upstream,
        Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC), counters, audit::add);

    RequestRouterTest() {
        handlers.add("ECHO-V1", request -> {
            calls.incrementAndGet();
            return Response.ok(request.verb() + " " + request.resourcePath());
        });
        handlers.add("OPEN-V1", request -> Response.ok());
        handlers.add("BOOM-V1", request -> {
            throw new IllegalStateException("handler broke");
        });
    }

    static ControlMessage request(String topic, String requester, String requestId) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        if (requestId != null) {
            metrics.put(RequestRouter.REQUEST_ID, Value.of(requestId));
        }
        if (requester != null) {
            metrics.put(RequestRouter.REQUESTER, Value.of(requester));
        }
        return new ControlMessage(topic, metrics, null);
    }

    private UpstreamMessage onlyReply() {
        assertEquals(1, upstream.sent.size(), "replies: " + upstream.sent);
        return upstream.sent.get(0);
    }

    @Test
    void aRequestGetsOneReplyOnTheRequestersReplyTopicWithCode200AndTheHandlersBody() {
        router.dispatch(request("ECHO-V1/GET/bundles/x", "hq", "r-1"));
        UpstreamMessage reply = onlyReply();
        assertEquals(MessageClass.REPLY, reply.messageClass());
        assertEquals("hq/ECHO-V1/REPLY/r-1", reply.topic());
        assertEquals(Value.of(200), reply.metrics().get("response.code"));
        assertFalse(reply.metrics().containsKey("response.exception.message"));
        assertEquals("GET bundles/x", new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals(1000, reply.timestamp());
        AuditEntry entry = audit.get(0);
        assertEquals(List.of("hq", "ECHO-V1", "GET", "bundles/x", "r-1", 200),
            List.of(entry.requester(), entry.appId(), entry.verb(), entry.resource(), entry.requestId(), entry.code()));
    }

    @Test
    void anUnknownAppIdIs404AWrongVerb400AThrowingHandler500WithItsMessage() {
        router.dispatch(request("NOPE-V1/GET/x", "hq", "a"));
        router.dispatch(request("ECHO-V1/FETCH/x", "hq", "b"));
        router.dispatch(request("BOOM-V1/EXEC/x", "hq", "c"));
        assertEquals(List.of(404, 400, 500), upstream.sent.stream().map(RecordingUpstream::code).toList());
        assertEquals(Value.of("handler broke"), upstream.sent.get(2).metrics().get("response.exception.message"));
        assertEquals("hq/ECHO-V1/REPLY/b", upstream.sent.get(1).topic());
    }

    @Test
    void aStrangerGets403AndTheHandlerIsNotCalled() {
        router.dispatch(request("ECHO-V1/EXEC/x", "mallory", "r-2"));
        UpstreamMessage reply = onlyReply();
        assertEquals(403, RecordingUpstream.code(reply));
        assertEquals("mallory/ECHO-V1/REPLY/r-2", reply.topic());
        assertEquals(0, calls.get());
    }

    @Test
    void anAllowListReplacesTheDefaultForItsAppIdOnly() {
        router.dispatch(request("OPEN-V1/GET/x", "ops", "1"));
        router.dispatch(request("ECHO-V1/GET/x", "ops", "2"));
        router.dispatch(request("OPEN-V1/GET/x", "hq", "3"));
        router.dispatch(request("EMPTY-V1/GET/x", "hq", "4"));
        assertEquals(List.of(200, 403, 200, 403), upstream.sent.stream().map(RecordingUpstream::code).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "+", "#", "hq/#", "x+y", "new\nline", "\u0000"})
    void aHostileRequesterOrRequestIdGetsNoReplyAndIsCounted(String hostile) {
        router.dispatch(request("ECHO-V1/GET/x", hostile, "r"));
        router.dispatch(request("ECHO-V1/GET/x", "hq", hostile));
        assertTrue(upstream.sent.isEmpty());
        assertEquals(2, counters.unanswerable());
        assertEquals(0, calls.get());
    }

    @Test
    void overlongIdsMissingIdsAndNonStringIdsGetNoReply() {
        router.dispatch(request("ECHO-V1/GET/x", "h".repeat(TopicLevel.MAX_LENGTH + 1), "r"));
        router.dispatch(request("ECHO-V1/GET/x", "hq", null));
        router.dispatch(request("ECHO-V1/GET/x", null, "r"));
        router.dispatch(new ControlMessage("ECHO-V1/GET/x", Map.of("request.id", Value.of(7L), "requester.client.id", Value.of("hq")), null));
        router.dispatch(request("ECHO-V1", "hq", "r"));
        router.dispatch(request("ECHO-V1//x", "hq", "r"));
        assertTrue(upstream.sent.isEmpty());
        assertEquals(6, counters.unanswerable());
        router.dispatch(request("ECHO-V1/GET/x", "h".repeat(TopicLevel.MAX_LENGTH), "r"));
        assertEquals(1, upstream.sent.size());
    }

    @Test
    void theGatewaysOwnBirthAndRepliesOrNotificationsToItAreNotRequests() {
        router.dispatch(request("MQTT/BIRTH", null, null));
        router.dispatch(request("MQTT/APPS", "hq", "1"));
        router.dispatch(request("ECHO-V1/REPLY/77", "hq", "2"));
        router.dispatch(request("DEPLOY-V2/NOTIFY/gw/download", "hq", "3"));
        assertTrue(upstream.sent.isEmpty());
        assertEquals(4, counters.notRequests());
        assertEquals(0, counters.unanswerable());
    }

    @Test
    void removingTheHandlerRemovesTheApiAndASecondHandlerTakesOver() {
        var registry = new HandlerRegistry();
        io.outpost.api.request.RequestHandler handler = r -> Response.ok();
        registry.add("X-V1", handler);
        assertEquals(List.of("X-V1"), registry.appIds());
        io.outpost.api.request.RequestHandler second = r -> Response.notFound("second");
        registry.add("X-V1", second);
        registry.remove("X-V1", handler);
        assertEquals(second, registry.handlerOf("X-V1").orElseThrow());
        registry.remove("X-V1", second);
        assertTrue(registry.handlerOf("X-V1").isEmpty());
        assertFalse(registry.add("a/b", handler));
    }

    @Test
    void aMalformedAllowEntryIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Authorization.parse("hq", new String[] {"nonsense"}));
        assertTrue(e.getMessage().contains("'allow' entry 'nonsense'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Authorization.parse("h/q", new String[0]));
        assertTrue(e.getMessage().contains("'hqClientId'"), e.getMessage());
    }

    @Test
    void theRequestCarriesEveryMetricAndTheBody() {
        List<Request> seen = new ArrayList<>();
        handlers.add("SEE-V1", r -> {
            seen.add(r);
            return Response.ok();
        });
        Map<String, Value> metrics = new LinkedHashMap<>(request("x", "hq", "9").metrics());
        metrics.put("job.id", Value.of(5L));
        router.dispatch(new ControlMessage("SEE-V1/EXEC/bundles/_start", metrics, "{}".getBytes(StandardCharsets.UTF_8)));
        Request r = seen.get(0);
        assertEquals(List.of("bundles", "_start"), r.resources());
        assertEquals(Value.of(5L), r.metrics().get("job.id"));
        assertEquals("{}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("9", r.requestId());
    }

    @Test
    void aRequestFromAnotherEntryPointIsCheckedAndRepliedTheSameAndAuditedWithIt() {
        router.dispatch(request("ECHO-V1/GET/x", "hq", "s-1"), "cellular-sms");
        router.dispatch(request("ECHO-V1/GET/x", "mallory", "s-2"), "cellular-sms");
        assertEquals(2, upstream.sent.size());
        assertEquals("hq/ECHO-V1/REPLY/s-1", upstream.sent.get(0).topic());
        assertEquals(Value.of(403), upstream.sent.get(1).metrics().get("response.code"));
        assertFalse(upstream.sent.get(1).metrics().containsKey("response.exception.message"), "the message does not fit an SMS");
        assertEquals(1, calls.get());
        assertTrue(audit.get(0).line().endsWith(" code=200 micros=" + audit.get(0).durationMicros() + " via=cellular-sms"), audit.get(0).line());
        router.dispatch(request("ECHO-V1/GET/x", "hq", "m-1"));
        assertFalse(audit.get(2).line().contains("via="), audit.get(2).line());
    }

    @Test
    void aLocalCallReachesTheSameHandlerReturnsItsAnswerSendsNothingAndIsAudited() {
        Response r = router.callLocally(ControlTopic.parse("ECHO-V1/EXEC/a/b").orElseThrow(), new byte[0]);
        assertEquals(200, r.code());
        assertEquals("EXEC a/b", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(0, upstream.sent.size());
        assertEquals("shell", audit.get(0).requester());
        assertTrue(audit.get(0).line().endsWith(" via=shell"), audit.get(0).line());
        assertEquals(404, router.callLocally(ControlTopic.parse("NOPE-V1/GET/x").orElseThrow(), new byte[0]).code());
        assertEquals(400, router.callLocally(ControlTopic.parse("ECHO-V1/FETCH/x").orElseThrow(), new byte[0]).code());
        assertEquals(500, router.callLocally(ControlTopic.parse("BOOM-V1/GET/x").orElseThrow(), new byte[0]).code());
    }
}
