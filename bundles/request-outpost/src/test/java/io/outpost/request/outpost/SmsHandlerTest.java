package io.outpost.request.outpost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.outpost.api.request.Request;
import io.outpost.api.request.Response;
import io.outpost.api.request.Verb;
import io.outpost.api.sms.TextMessages;

class SmsHandlerTest {

    private static final String NUMBER = "+491701234567";

    /** Records what it was asked to send; fails when told to. */
    private static final class RecordingModem implements TextMessages {
        final List<String> sent = new ArrayList<>();
        IOException failure;

        @Override
        public CompletionStage<String> send(String number, String text) {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            sent.add(number + ":" + text);
            return CompletableFuture.completedFuture(Integer.toString(sent.size()));
        }
    }

    private final RecordingModem modem = new RecordingModem();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    private static Response call(SmsHandler h, String resource, String body) {
        return h.handle(new Request(SmsHandler.APP_ID, Verb.EXEC, List.of(resource), "hq", "r1", Map.of(),
            body.getBytes(StandardCharsets.UTF_8)));
    }

    private SmsHandler handler(int perHour) {
        return new SmsHandler(Set.of(NUMBER), perHour, 5, clock, modem);
    }

    @Test
    void anAllowedNumberGetsItsTextAndTheReplyCarriesTheReference() {
        Response r = call(handler(30), "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"pump 3 needs service\"}");
        assertEquals(200, r.code(), r.toString());
        assertEquals("{\"to\":\"" + NUMBER + "\",\"reference\":\"1\"}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(List.of(NUMBER + ":pump 3 needs service"), modem.sent);
    }

    @Test
    void badRequestsNameTheFieldAndSendNothing() {
        SmsHandler h = handler(30);
        assertEquals(403, call(h, "send", "{\"to\":\"+4915555\",\"text\":\"hi\"}").code());
        Response number = call(h, "send", "{\"to\":\"call me\",\"text\":\"hi\"}");
        assertEquals(400, number.code());
        assertTrue(number.message().startsWith("'to'"), number.message());
        Response text = call(h, "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"" + "x".repeat(161) + "\"}");
        assertEquals(400, text.code());
        assertTrue(text.message().startsWith("'text'"), text.message());
        assertEquals(400, call(h, "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"line\\nbreak\"}").code());
        Response missing = call(h, "send", "{\"to\":\"" + NUMBER + "\"}");
        assertEquals(400, missing.code());
        assertEquals("'text' must be a string, and is missing", missing.message());
        assertEquals(400, call(h, "send", "[1,2]").code());
        assertEquals(400, call(h, "send", "{\"to\":").code());
        assertEquals(404, call(h, "reboot", "{}").code());
        assertEquals(List.of(), modem.sent);
    }

    @Test
    void noModemAndAFailingModemAre503AndAFailedSendDoesNotCountAgainstTheHour() {
        assertEquals(503, call(new SmsHandler(Set.of(NUMBER), 1, 5, clock, null), "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"a\"}").code());
        SmsHandler h = handler(1);
        modem.failure = new IOException("link 'cellular-sms' is down");
        Response down = call(h, "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"a\"}");
        assertEquals(503, down.code());
        assertEquals("link 'cellular-sms' is down", down.message());
        modem.failure = null;
        assertEquals(200, call(h, "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"a\"}").code());
    }

    @Test
    void beyondMaxPerHourIs503() {
        SmsHandler h = handler(2);
        for (int i = 0; i < 2; i++) {
            assertEquals(200, call(h, "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"t" + i + "\"}").code());
        }
        Response third = call(h, "send", "{\"to\":\"" + NUMBER + "\",\"text\":\"t3\"}");
        assertEquals(503, third.code());
        assertTrue(third.message().contains("maxPerHour"), third.message());
        assertEquals(2, modem.sent.size());
    }
}
