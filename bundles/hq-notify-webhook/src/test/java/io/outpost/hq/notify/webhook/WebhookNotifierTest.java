package io.outpost.hq.notify.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.NotifyException;

class WebhookNotifierTest {

    static final String SECRET = "0123456789abcdef0123";
    HttpServer server;
    final List<String[]> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(204);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new String[] {new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-Outpost-Signature"),
                exchange.getRequestHeaders().getFirst("X-Outpost-Delivery")});
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    WebhookNotifier notifier() {
        return new WebhookNotifier(config("http://127.0.0.1:" + server.getAddress().getPort() + "/hook", SECRET));
    }

    @Test
    void postsSignedJson() throws Exception {
        Notification n = new Notification("outpost-hq-4", "firing", "pump", List.of(4L), "ops", "[firing] \"pump\"", "line 1\nline 2", "");
        notifier().send(n);
        assertEquals(1, received.size());
        String body = received.get(0)[0];
        assertTrue(body.startsWith("{\"key\":\"outpost-hq-4\",\"kind\":\"firing\",\"rule\":\"pump\",\"alertIds\":[4],\"to\":\"ops\","
                + "\"subject\":\"[firing] \\\"pump\\\"\",\"body\":\"line 1\\nline 2\""), body);
        // the receiver's check: HMAC-SHA256 over the bytes received, with the shared secret
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, received.get(0)[1]);
        assertEquals("outpost-hq-4", received.get(0)[2]);
    }

    @Test
    void aNon2xxAnswerIsAFailure() {
        status.set(503);
        NotifyException e = assertThrows(NotifyException.class,
                () -> notifier().send(new Notification("k", "firing", "r", List.of(1L), "o", "s", "b", "")));
        assertTrue(e.getMessage().contains("503"), e.getMessage());
    }

    @Test
    void refusesBadSettingsNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new WebhookNotifier(config("ftp://x/y", SECRET))).getMessage().contains("'url'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new WebhookNotifier(config("http://x/y", "short"))).getMessage().contains("'secret'"));
    }

    static WebhookConfig config(String url, String secret) {
        return new WebhookConfig() {
            public Class<? extends java.lang.annotation.Annotation> annotationType() { return WebhookConfig.class; }
            public String outpost_hq_notifier() { return "webhook"; }
            public String url() { return url; }
            public String secret() { return secret; }
            public long timeoutMillis() { return 2000; }
        };
    }
}
