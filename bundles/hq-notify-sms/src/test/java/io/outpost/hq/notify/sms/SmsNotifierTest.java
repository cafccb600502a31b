package io.outpost.hq.notify.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.NotifyException;

class SmsNotifierTest {

    HttpServer server;
    final List<String[]> received = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sms", exchange -> {
            received.add(new String[] {new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("Content-Type"), exchange.getRequestHeaders().getFirst("Authorization")});
            byte[] answer = "{\"error\":\"no credit\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static final Notification N = new Notification("k", "firing", "pump", List.of(1L), "+49 170 1234567", "[firing] pump & valve", "long body", "");

    @Test
    void postsAFormWithTheTemplateFilledAndEncoded() throws Exception {
        new SmsNotifier(config("application/x-www-form-urlencoded", "to={to}&text={text}&tag={rule}", "Bearer abc", 459)).send(N);
        assertEquals("to=%2B49+170+1234567&text=%5Bfiring%5D+pump+%26+valve&tag=pump", received.get(0)[0]);
        assertEquals("Bearer abc", received.get(0)[2]);
    }

    @Test
    void postsJsonAndCutsLongTexts() throws Exception {
        new SmsNotifier(config("application/json", "{\"to\":\"{to}\",\"text\":\"{text}\"}", "", 20)).send(
                new Notification("k", "firing", "r", List.of(1L), "+1", "a \"quoted\" subject that is long", "b", ""));
        assertEquals("{\"to\":\"+1\",\"text\":\"a \\\"quoted\\\" subject …\"}", received.get(0)[0]);
        assertEquals(null, received.get(0)[2]);
    }

    @Test
    void aProviderErrorIsAFailureWithItsAnswer() {
        status = 402;
        NotifyException e = assertThrows(NotifyException.class, () -> new SmsNotifier(config("application/json", "{\"t\":\"{text}\"}", "", 459)).send(N));
        assertTrue(e.getMessage().contains("402") && e.getMessage().contains("no credit"), e.getMessage());
    }

    @Test
    void refusesBadSettingsNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SmsNotifier(config("text/plain", "{text}", "", 459))).getMessage().contains("'contentType'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SmsNotifier(config("application/json", "{to}", "", 459))).getMessage().contains("'bodyTemplate'"));
    }

    SmsConfig config(String type, String template, String auth, int max) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
        return new SmsConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return SmsConfig.class; }
            public String outpost_hq_notifier() { return "sms"; }
            public String url() { return url; }
            public String contentType() { return type; }
            public String bodyTemplate() { return template; }
            public String authorization() { return auth; }
            public int maxChars() { return max; }
            public long timeoutMillis() { return 2000; }
        };
    }
}
