package io.outpost.itests.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A subscriber that records everything it receives on a topic filter, as HQ would see it. */
public final class MqttRecorder implements AutoCloseable {

    /** One received message. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public MqttRecorder(String brokerUrl, String filter) throws MqttException {
        client = new MqttClient(brokerUrl, "recorder-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
        try {
            client.subscribe(filter, 1, (topic, message) -> received.add(new Received(topic, message.getPayload(), message.isRetained())));
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    public Received await(Duration timeout, String what, Predicate<Received> match) {
        Await.until(timeout, what, () -> received.stream().anyMatch(match));
        return received.stream().filter(match).findFirst().orElseThrow();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
