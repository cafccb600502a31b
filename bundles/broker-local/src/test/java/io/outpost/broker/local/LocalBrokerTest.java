package io.outpost.broker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

class LocalBrokerTest {

    private static LocalBrokerConfig config(int port) {
        return new LocalBrokerConfig() {
            public Class<? extends Annotation> annotationType() { return LocalBrokerConfig.class; }
            public String host() { return "127.0.0.1"; }
            public int port() { return port; }
            public boolean allowAnonymous() { return true; }
            public int maxMessageBytes() { return 65536; }
        };
    }

    @Test
    void carriesAQos1MessageFromPublisherToSubscriber() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        LocalBroker broker = new LocalBroker(config(port));
        try {
            BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
            MqttClient sub = new MqttClient("tcp://127.0.0.1:" + port, "sub", new MemoryPersistence());
            sub.connect();
            sub.subscribe("acct/#", 1, (topic, msg) -> received.add(topic + " " + new String(msg.getPayload(), StandardCharsets.UTF_8)));
            MqttClient pub = new MqttClient("tcp://127.0.0.1:" + port, "pub", new MemoryPersistence());
            pub.connect();
            pub.publish("acct/gw/data/dev", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("acct/gw/data/dev hello", received.poll(5, TimeUnit.SECONDS));
            pub.disconnect();
            sub.disconnect();
        } finally {
            broker.stop();
        }
    }
}
