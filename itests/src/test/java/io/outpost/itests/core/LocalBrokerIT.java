package io.outpost.itests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.FreePort;
import io.outpost.itests.support.MqttRecorder;

@ExtendWith(ServiceExtension.class)
class LocalBrokerIT {

    @InjectService
    ConfigurationAdmin admin;

    /**
     * Moquette 0.17 now and then drops a connection it has just acknowledged when the SUBSCRIBE follows at once
     * ("SUBSCRIBE received on already closed connection"); a real client reconnects, so the recorder may too, at
     * most three times. The message must still arrive through the broker.
     */
    private static MqttRecorder subscribe(String url, String filter) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return new MqttRecorder(url, filter);
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    void theEmbeddedBrokerCarriesMessagesAndStopsWithItsConfiguration() throws Exception {
        int port = FreePort.pick();
        try (Configurations configurations = new Configurations(admin)) {
            var config = configurations.single("io.outpost.broker.local", Map.of("host", "127.0.0.1", "port", port));
            Await.until(Duration.ofSeconds(10), "the local broker to listen", () -> FreePort.accepts(port));
            try (MqttRecorder recorder = subscribe("tcp://127.0.0.1:" + port, "acct/#")) {
                MqttClient publisher = new MqttClient("tcp://127.0.0.1:" + port, "it-pub", new MemoryPersistence());
                publisher.connect();
                publisher.publish("acct/gw/data/x", "42".getBytes(StandardCharsets.UTF_8), 1, false);
                publisher.disconnect();
                publisher.close();
                assertEquals("42", recorder.await(Duration.ofSeconds(5), "the message", r -> true).text());
            }
            config.delete();
            Await.until(Duration.ofSeconds(10), "the broker to stop", () -> !FreePort.accepts(port));
        }
    }
}
