package io.outpost.itests.ota;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.outpost.json.JsonText;

/**
 * HQ as the gateway sees it: a Paho client with the client id {@code hq} that sends Kura simple-json requests on the
 * gateway's control topics and records every reply, notification and birth certificate on {@code $EDC/outpost/hq/#}
 * and {@code $EDC/outpost/<gw>/MQTT/#}.
 */
final class Hq implements AutoCloseable {

    /** One received message: topic, metrics (JSON values: String, Long, Double, Boolean), body text, arrival millis. */
    record Message(String topic, Map<String, Object> metrics, String body, long at) {
        Object metric(String name) {
            return metrics.get(name);
        }
    }

    private final MqttClient client;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestIds = new AtomicInteger();

    Hq(int port) throws Exception {
        client = new MqttClient("tcp://127.0.0.1:" + port, "hq", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        client.connect(options);
        client.subscribe("$EDC/outpost/hq/#", 1, (topic, message) -> received.add(parse(topic, message)));
        client.subscribe("$EDC/outpost/" + GatewayProcess.CLIENT_ID + "/MQTT/#", 1, (topic, message) -> received.add(parse(topic, message)));
    }

    @SuppressWarnings("unchecked")
    private static Message parse(String topic, MqttMessage message) {
        String text = new String(message.getPayload(), StandardCharsets.UTF_8);
        Map<String, Object> metrics = new LinkedHashMap<>();
        String body = "";
        try {
            Object json = JsonText.parse(text);
            if (json instanceof Map<?, ?> map) {
                Object m = map.get("metrics");
                if (m instanceof Map<?, ?> mm) {
                    metrics.putAll((Map<String, Object>) mm);
                }
                Object b = map.get("body");
                if (b instanceof String s) {
                    body = new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
                }
            }
        } catch (RuntimeException e) {
            body = text;
        }
        return new Message(topic, metrics, body, System.currentTimeMillis());
    }

    /** Sends a request and waits for its reply. */
    Message request(String app, String verb, String resource, Map<String, Object> metrics, long timeoutMillis) throws Exception {
        String id = "r-" + requestIds.incrementAndGet();
        StringBuilder json = new StringBuilder("{\"metrics\":{\"request.id\":\"" + id + "\",\"requester.client.id\":\"hq\"");
        for (Map.Entry<String, Object> e : metrics.entrySet()) {
            json.append(",\"").append(e.getKey()).append("\":");
            Object v = e.getValue();
            json.append(v instanceof String s ? "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"" : String.valueOf(v));
        }
        json.append("}}");
        MqttMessage message = new MqttMessage(json.toString().getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish("$EDC/outpost/" + GatewayProcess.CLIENT_ID + "/" + app + "/" + verb + "/" + resource, message);
        return await(m -> m.topic().endsWith("/" + app + "/REPLY/" + id), timeoutMillis, "reply to " + verb + " " + resource);
    }

    Message await(Predicate<Message> wanted, long timeoutMillis, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            for (Message m : received) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + timeoutMillis + " ms; received: " + summary());
    }

    /** The final install notification of a job (COMPLETED or FAILED). */
    Message finalInstall(long jobId, long timeoutMillis) throws InterruptedException {
        return await(m -> m.topic().endsWith("/NOTIFY/" + GatewayProcess.CLIENT_ID + "/install")
            && Long.valueOf(jobId).equals(m.metric("job.id"))
            && ("COMPLETED".equals(m.metric("dp.install.status")) || "FAILED".equals(m.metric("dp.install.status"))),
            timeoutMillis, "final install notification of job " + jobId);
    }

    List<Message> received() {
        return List.copyOf(received);
    }

    void clear() {
        received.clear();
    }

    private String summary() {
        StringBuilder s = new StringBuilder();
        for (Message m : received) {
            s.append("\n  ").append(m.topic()).append(' ').append(m.metrics());
        }
        return s.toString();
    }

    @Override
    public void close() throws Exception {
        client.disconnectForcibly(1000);
        client.close();
    }
}
