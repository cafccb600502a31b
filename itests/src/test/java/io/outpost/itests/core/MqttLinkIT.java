package io.outpost.itests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.TcpRelay;
import io.outpost.itests.support.TextProfile;
import io.outpost.itests.support.WiredLink;

/** The wired link against a real Mosquitto, with a plain-text profile so that the link alone is under test. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class MqttLinkIT {

    /** A readable profile for this test: topic account/client/app-topic, payload "id|metrics". */
    private static final TextProfile PROFILE = new TextProfile("text-it", m -> m.id() + "|" + m.message().metrics());

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private ServiceRegistration<CloudProfile> profile;
    private Configurations configurations;
    private WiredLink wired;

    @BeforeEach
    void registerProfile() {
        profile = PROFILE.register(context);
        configurations = new Configurations(admin);
        wired = new WiredLink(context);
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
        profile.unregister();
    }

    private void configureLink(Mosquitto broker) throws Exception {
        configureLink(broker.url());
    }

    private void configureLink(String brokerUrl) throws Exception {
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", brokerUrl, "account", "acct", "clientId", "gw1",
            "profile.target", PROFILE.target(), "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
    }

    private static OutboundMessage message(long id) {
        return new OutboundMessage(id, new UpstreamMessage(MessageClass.TELEMETRY, "data/boiler", 1L, Map.of("t", Value.of(21.5))));
    }

    @Test
    void publishesTheBirthOnConnectAndConfirmsADeliveryOnItsPuback() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); MqttRecorder hq = new MqttRecorder(broker.url(), "acct/#")) {
            configureLink(broker);
            wired.await(LinkState.UP, Duration.ofSeconds(10), "the link to come up");
            String birth = hq.await(Duration.ofSeconds(5), "the birth", r -> r.topic().equals("acct/gw1/BIRTH")).text();
            assertTrue(birth.contains("connection_ip"), birth);

            wired.find().deliver(message(7)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            var data = hq.await(Duration.ofSeconds(5), "the data message", r -> r.topic().equals("acct/gw1/data/boiler"));
            assertEquals("7|{t=21.5}", data.text());
        }
    }

    @Test
    void goesDownWithTheBrokerFailsDeliveriesAndComesBackByItself() throws Exception {
        // The link reaches the broker through a relay that keeps it out until HQ's subscriber is back, so the birth
        // it publishes on reconnecting cannot slip past a subscriber that is not there yet.
        try (Mosquitto broker = Mosquitto.start(); TcpRelay network = new TcpRelay(broker.port())) {
            configureLink(network.url());
            wired.await(LinkState.UP, Duration.ofSeconds(10), "the link to come up");
            int[] changes = {0};
            AutoCloseable watch = wired.find().onStateChange(() -> changes[0]++);

            network.refuse();
            broker.stop();
            wired.await(LinkState.DOWN, Duration.ofSeconds(10), "the link to notice the outage");
            ExecutionException refused = assertThrows(ExecutionException.class,
                () -> wired.find().deliver(message(8)).toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertTrue(refused.getCause().getMessage().contains("down"), refused.getCause().getMessage());

            broker.restart();
            try (MqttRecorder hq = new MqttRecorder(broker.url(), "acct/#")) {
                network.admit();
                wired.await(LinkState.UP, Duration.ofSeconds(15), "the link to reconnect");
                hq.await(Duration.ofSeconds(5), "a new birth after reconnecting", r -> r.topic().equals("acct/gw1/BIRTH"));
                wired.find().deliver(message(9)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                hq.await(Duration.ofSeconds(5), "delivery after the outage", r -> r.text().startsWith("9|"));
            }
            assertTrue(changes[0] >= 2, "state listeners heard down and up: " + changes[0]);
            watch.close();
        }
    }

    @Test
    void aBrokenBrokerUrlIsRefusedAndNoLinkIsRegistered() throws Exception {
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", "http://nowhere", "profile.target", PROFILE.target()));
        Thread.sleep(500);
        assertEquals(null, wired.find());
    }
}
