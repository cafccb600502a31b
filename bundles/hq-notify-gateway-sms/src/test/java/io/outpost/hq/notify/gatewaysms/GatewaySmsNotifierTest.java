package io.outpost.hq.notify.gatewaysms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.outpost.api.hq.alert.Notification;
import io.outpost.api.hq.alert.NotifyException;
import io.outpost.hq.ingest.KuraJsonDecoder;
import io.outpost.hq.ingest.KuraProtobufDecoder;

/**
 * The notifier against a real Mosquitto, with a test client in the gateway's place that checks each request as
 * OUTPOST-SMS-V1 reads it and answers as the gateway's JSON profile does; the replies are read by HQ's own decoders.
 */
class GatewaySmsNotifierTest {

    private static final Pattern ID = Pattern.compile("\"request.id\":\"([^\"]+)\"");
    private static final Pattern REQUESTER = Pattern.compile("\"requester.client.id\":\"([^\"]+)\"");
    private static final Pattern BODY = Pattern.compile("\"body\":\"([^\"]+)\"");

    private Process broker;
    private int port;
    private MqttClient fakeGateway;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile String answer = "\"response.code\":200";
    private volatile boolean silent;
    private GatewaySmsNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mosquitto")), "mosquitto is not installed (apt-get install mosquitto)");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        broker = new ProcessBuilder("/usr/sbin/mosquitto", "-p", Integer.toString(port)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !listening(); i++) {
            Thread.sleep(50);
        }
        fakeGateway = new MqttClient("tcp://127.0.0.1:" + port, "gw-1", new MemoryPersistence());
        fakeGateway.connect();
        fakeGateway.subscribe("$EDC/outpost/gw-1/OUTPOST-SMS-V1/EXEC/send", 1, (topic, message) -> {
            String request = new String(message.getPayload(), StandardCharsets.UTF_8);
            Matcher id = ID.matcher(request);
            Matcher requester = REQUESTER.matcher(request);
            Matcher body = BODY.matcher(request);
            if (!id.find() || !requester.find() || !body.find()) {
                bodies.add("unreadable: " + request);
                return;
            }
            bodies.add(new String(Base64.getDecoder().decode(body.group(1)), StandardCharsets.UTF_8));
            if (!silent) {
                String reply = "{\"sentOn\":" + System.currentTimeMillis() + ",\"metrics\":{" + answer + "}}";
                new Thread(() -> {
                    try {
                        fakeGateway.publish("$EDC/outpost/" + requester.group(1) + "/OUTPOST-SMS-V1/REPLY/" + id.group(1),
                            reply.getBytes(StandardCharsets.UTF_8), 1, false);
                    } catch (Exception e) {
                        bodies.add("reply failed: " + e);
                    }
                }).start();
            }
        });
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (notifier != null) {
            notifier.close();
        }
        if (fakeGateway != null) {
            fakeGateway.disconnect();
            fakeGateway.close();
        }
        if (broker != null) {
            broker.destroy();
            broker.waitFor();
        }
    }

    private GatewaySmsNotifier notifier(int timeoutSeconds) throws Exception {
        GatewaySmsNotifier n = new GatewaySmsNotifier(config("tcp://127.0.0.1:" + port, "gw-1", timeoutSeconds), new KuraJsonDecoder(),
            new KuraProtobufDecoder());
        for (int i = 0; i < 100; i++) {
            try {
                n.send(new Notification("probe", "firing", "probe", List.of(), "+490", "probe", "", ""));
                break;
            } catch (NotifyException notYet) {
                Thread.sleep(50);   // connecting and subscribing
            }
        }
        bodies.clear();
        return n;
    }

    private static Notification firing(String subject) {
        return new Notification("k-1", "firing", "pumps", List.of(7L), "+491701234567", subject, "long body", "");
    }

    @Test
    void theGatewayIsAskedToTextTheContactAndAn200IsDelivered() throws Exception {
        notifier = notifier(5);
        notifier.send(firing("[FIRING] pump-3 pressure \"low\" at the north well"));
        assertEquals(List.of("{\"to\":\"+491701234567\",\"text\":\"[FIRING] pump-3 pressure 'low' at the north well\"}"), bodies);
    }

    @Test
    void aRefusalOrNoAnswerIsANotifyExceptionNamingTheGatewayAndWhy() throws Exception {
        notifier = notifier(5);
        answer = "\"response.code\":403,\"response.exception.message\":\"'to': +491701234567 is not in allowedNumbers\"";
        NotifyException refused = assertThrows(NotifyException.class, () -> notifier.send(firing("x")));
        assertTrue(refused.getMessage().contains("gateway 'gw-1' answered 403: 'to': +491701234567 is not in allowedNumbers"),
            refused.getMessage());
        answer = "\"response.code\":200";
        silent = true;
        long t0 = System.nanoTime();
        NotifyException none = assertThrows(NotifyException.class, () -> notifier.send(firing("y")));
        assertTrue(none.getMessage().contains("did not answer within 5 s"), none.getMessage());
        assertTrue(System.nanoTime() - t0 >= 4_500_000_000L);
    }

    @Test
    void aBrokerThatIsNotUpYetIsConnectedToWhenItComes() throws Exception {
        int late;
        try (ServerSocket s = new ServerSocket(0)) {
            late = s.getLocalPort();
        }
        notifier = new GatewaySmsNotifier(config("tcp://127.0.0.1:" + late, "gw-1", 5), new KuraJsonDecoder(), new KuraProtobufDecoder());
        assertThrows(NotifyException.class, () -> notifier.send(firing("too early")));
        Process second = new ProcessBuilder("/usr/sbin/mosquitto", "-p", Integer.toString(late)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + 20_000_000_000L;
            NotifyException last = null;
            while (System.nanoTime() < deadline) {
                try {
                    notifier.send(firing("x"));
                    fail("no gateway answers on the late broker, so the send cannot succeed");
                } catch (NotifyException e) {
                    last = e;
                    if (e.getMessage().contains("did not answer")) {
                        break;   // connected and published: only the reply is missing
                    }
                    Thread.sleep(500);
                }
            }
            assertTrue(last != null && last.getMessage().contains("did not answer"), String.valueOf(last));
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    @Test
    void theTextFitsOneSmsAndABadConfigurationNamesItsField() {
        String text = SmsRequest.text("é".repeat(10) + "x".repeat(300));
        assertEquals(160, text.length());
        assertTrue(text.startsWith("??????????xxx") && text.endsWith("..."), text);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
            () -> new GatewaySmsNotifier(config("tcp://127.0.0.1:1", "gw/1", 5), new KuraJsonDecoder(), new KuraProtobufDecoder()));
        assertTrue(bad.getMessage().contains("'gateway' 'gw/1' must be one MQTT topic level"), bad.getMessage());
        IllegalArgumentException uri = assertThrows(IllegalArgumentException.class,
            () -> new GatewaySmsNotifier(config("http://x", "gw-1", 5), new KuraJsonDecoder(), new KuraProtobufDecoder()));
        assertTrue(uri.getMessage().contains("'brokerUri'"), uri.getMessage());
    }

    private static GatewaySmsConfig config(String broker, String gateway, int timeout) {
        return new GatewaySmsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GatewaySmsConfig.class;
            }

            @Override
            public String outpost_hq_notifier() {
                return "sms-gateway";
            }

            @Override
            public String brokerUri() {
                return broker;
            }

            @Override
            public String account() {
                return "outpost";
            }

            @Override
            public String gateway() {
                return gateway;
            }

            @Override
            public String requester() {
                return "hq";
            }

            @Override
            public String username() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public int timeoutSeconds() {
                return timeout;
            }
        };
    }
}
