package io.outpost.itests.outbox;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * HQ for a large backlog: subscribes to a topic whose payloads are {@code "<outbox id>|<n>"} and remembers which
 * n arrived (a bit each), how many messages arrived in all, and whether one n came under two ids. Keeps no
 * list of messages, so 100,000 of them cost nothing.
 */
final class ArrivalRecorder implements AutoCloseable {

    private final MqttClient client;
    private final BitSet arrived = new BitSet();
    private final long[] idOf;
    private long messages;
    private String conflict;

    ArrivalRecorder(String brokerUrl, String topic, int expected) throws MqttException {
        idOf = new long[expected];
        client = new MqttClient(brokerUrl, "arrivals-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        client.connect(options);
        try {
            client.subscribe(topic, 1, (t, message) -> record(new String(message.getPayload(), StandardCharsets.UTF_8)));
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
    }

    private synchronized void record(String payload) {
        int bar = payload.indexOf('|');
        long id = Long.parseLong(payload.substring(0, bar));
        int n = Integer.parseInt(payload.substring(bar + 1));
        messages++;
        if (arrived.get(n)) {
            if (idOf[n] != id && conflict == null) {
                conflict = "message " + n + " arrived under ids " + idOf[n] + " and " + id;
            }
            return;
        }
        arrived.set(n);
        idOf[n] = id;
    }

    /** Distinct messages that arrived. */
    synchronized int distinct() {
        return arrived.cardinality();
    }

    /** All arrivals, resends included. */
    synchronized long messages() {
        return messages;
    }

    /** The first n below {@code expected} that did not arrive (at most ten), for a failure message. */
    synchronized String missing(int expected) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int n = arrived.nextClearBit(0); n < expected && shown < 10; n = arrived.nextClearBit(n + 1), shown++) {
            out.append(n).append(' ');
        }
        return out.toString().trim();
    }

    synchronized String conflict() {
        return conflict;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
