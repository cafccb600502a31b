package io.outpost.itests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
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
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;

/** The wired link against a real Mosquitto, with a plain-text profile so that the link alone is under test. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class MqttLinkIT {

    /** A readable profile for this test: topic account/client/app-topic, payload "id|metrics". */
    static final class TextProfile implements CloudProfile {
        @Override
        public EncodedMessage encode(GatewayIdentity gw, OutboundMessage m) {
            String text = m.id() + "|" + m.message().metrics();
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/" + m.message().topic(), text.getBytes(StandardCharsets.UTF_8), 1, false);
        }

        @Override
        public EncodedMessage birth(GatewayIdentity gw, Map<String, Value> connection) {
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/BIRTH", connection.toString().getBytes(StandardCharsets.UTF_8), 1, false);
        }

        @Override
        public EncodedMessage disconnect(GatewayIdentity gw) {
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/DC", new byte[0], 1, false);
        }

        @Override
        public EncodedMessage lastWill(GatewayIdentity gw) {
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/LWT", new byte[0], 1, false);
        }

        @Override
        public String controlTopicFilter(GatewayIdentity gw) {
            return "ctl/" + gw.account() + "/" + gw.clientId() + "/#";
        }
    }

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private ServiceRegistration<CloudProfile> profile;
    private Configurations configurations;

    @BeforeEach
    void registerProfile() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(CloudProfile.ID, "text-it");
        profile = context.registerService(CloudProfile.class, new TextProfile(), props);
        configurations = new Configurations(admin);
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
        profile.unregister();
    }

    private Link link() {
        try {
            var refs = context.getServiceReferences(Link.class, "(" + Link.ID + "=wired)");
            return refs.isEmpty() ? null : context.getService(refs.iterator().next());
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void configureLink(Mosquitto broker) throws Exception {
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", broker.url(), "account", "acct", "clientId", "gw1",
            "profile.target", "(" + CloudProfile.ID + "=text-it)", "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
    }

    private static OutboundMessage message(long id) {
        return new OutboundMessage(id, new UpstreamMessage(MessageClass.TELEMETRY, "data/boiler", 1L, Map.of("t", Value.of(21.5))));
    }

    @Test
    void publishesTheBirthOnConnectAndConfirmsADeliveryOnItsPuback() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); MqttRecorder hq = new MqttRecorder(broker.url(), "acct/#")) {
            configureLink(broker);
            Await.until(Duration.ofSeconds(10), "the link to come up", () -> link() != null && link().state() == LinkState.UP);
            String birth = hq.await(Duration.ofSeconds(5), "the birth", r -> r.topic().equals("acct/gw1/BIRTH")).text();
            assertTrue(birth.contains("connection_ip"), birth);

            link().deliver(message(7)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            var data = hq.await(Duration.ofSeconds(5), "the data message", r -> r.topic().equals("acct/gw1/data/boiler"));
            assertEquals("7|{t=21.5}", data.text());
        }
    }

    @Test
    void goesDownWithTheBrokerFailsDeliveriesAndComesBackByItself() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            configureLink(broker);
            Await.until(Duration.ofSeconds(10), "the link to come up", () -> link() != null && link().state() == LinkState.UP);
            int[] changes = {0};
            AutoCloseable watch = link().onStateChange(() -> changes[0]++);

            broker.stop();
            Await.until(Duration.ofSeconds(10), "the link to notice the outage", () -> link().state() == LinkState.DOWN);
            ExecutionException refused = assertThrows(ExecutionException.class,
                () -> link().deliver(message(8)).toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertTrue(refused.getCause().getMessage().contains("down"), refused.getCause().getMessage());

            broker.restart();
            try (MqttRecorder hq = new MqttRecorder(broker.url(), "acct/#")) {
                Await.until(Duration.ofSeconds(15), "the link to reconnect", () -> link().state() == LinkState.UP);
                hq.await(Duration.ofSeconds(5), "a new birth after reconnecting", r -> r.topic().equals("acct/gw1/BIRTH"));
                link().deliver(message(9)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                hq.await(Duration.ofSeconds(5), "delivery after the outage", r -> r.text().startsWith("9|"));
            }
            assertTrue(changes[0] >= 2, "state listeners heard down and up: " + changes[0]);
            watch.close();
        }
    }

    @Test
    void aBrokenBrokerUrlIsRefusedAndNoLinkIsRegistered() throws Exception {
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", "http://nowhere", "profile.target", "(" + CloudProfile.ID + "=text-it)"));
        Thread.sleep(500);
        assertEquals(null, link());
    }
}
