package io.outpost.broker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

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
        return config(port, false);
    }

    private static LocalBrokerConfig config(int port, boolean background) {
        return new LocalBrokerConfig() {
            public Class<? extends Annotation> annotationType() { return LocalBrokerConfig.class; }
            public String host() { return "127.0.0.1"; }
            public int port() { return port; }
            public boolean allowAnonymous() { return true; }
            public int maxMessageBytes() { return 65536; }
            public boolean startInBackground() { return background; }
        };
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    @Test
    void carriesAQos1MessageFromPublisherToSubscriber() throws Exception {
        int port = freePort();
        LocalBroker broker = new LocalBroker(config(port));
        try {
            carries(port);
        } finally {
            broker.stop();
        }
    }

    @Test
    void startedInBackgroundItListensSoonAfterAndCarriesMessages() throws Exception {
        int port = freePort();
        LocalBroker broker = new LocalBroker(config(port, true));
        try {
            assertTrue(broker.awaitListening(Duration.ofSeconds(20)), "the broker did not listen within 20 s");
            carries(port);
        } finally {
            broker.stop();
        }
        try (Socket probe = new Socket()) {
            assertThrows(IOException.class, () -> probe.connect(new InetSocketAddress("127.0.0.1", port), 1000), "still listening after stop");
        }
    }

    @Test
    void aPortInUseIsAnErrorInTheForegroundAndAFailedStartInTheBackground() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThrows(Exception.class, () -> new LocalBroker(config(port)));
            LocalBroker background = new LocalBroker(config(port, true));
            assertFalse(background.awaitListening(Duration.ofSeconds(20)));
            background.stop();
        }
    }

    private static void carries(int port) throws Exception {
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
    }
}
