package io.outpost.itests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import io.outpost.api.link.MessageTooLargeException;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.Await;
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
        configureLink(brokerUrl, Map.of());
    }

    private void configureLink(String brokerUrl, Map<String, Object> extra) throws Exception {
        Map<String, Object> properties = new HashMap<>(Map.of("brokerUrl", brokerUrl, "account", "acct", "clientId", "gw1",
            "profile.target", PROFILE.target(), "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
        properties.putAll(extra);
        configurations.single("io.outpost.link.mqtt", properties);
    }

    private static OutboundMessage message(long id) {
        return new OutboundMessage(id, new UpstreamMessage(MessageClass.TELEMETRY, "data/boiler", 1L, Map.of("t", Value.of(21.5))));
    }

    /** A message whose payload is a little over {@code bytes} long. */
    private static OutboundMessage large(long id, int bytes) {
        return new OutboundMessage(id, new UpstreamMessage(MessageClass.TELEMETRY, "data/boiler", 1L, Map.of("blob", Value.of("x".repeat(bytes)))));
    }

    /** Waits until the link is up and has nothing unconfirmed (its birth was acknowledged). */
    private Link awaitIdleAndUp(String what) {
        Link link = wired.await(LinkState.UP, Duration.ofSeconds(15), what);
        Await.until(Duration.ofSeconds(5), "the birth to be confirmed", () -> link.status().inFlight() == 0);
        return link;
    }

    private static Throwable failureOf(CompletionStage<Void> delivery) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> delivery.toCompletableFuture().get(10, TimeUnit.SECONDS));
        return failed.getCause();
    }

    @Test
    void aDeliveryTheBrokerHasButNeverConfirmedFailsWhenTheConnectionDropsAndIsConfirmedWhenSentAgain() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); TcpRelay network = new TcpRelay(broker.port());
                MqttRecorder hq = new MqttRecorder(broker.url(), "acct/gw1/data/#")) {
            configureLink(network.url());
            Link link = awaitIdleAndUp("the link to come up");

            network.dropReplies();
            CompletableFuture<Void> delivery = link.deliver(message(41)).toCompletableFuture();
            hq.await(Duration.ofSeconds(5), "the broker to have message 41", r -> r.text().startsWith("41|"));
            Thread.sleep(500);
            assertFalse(delivery.isDone(), "written to the socket and received by the broker, but no PUBACK yet: not confirmed"
                + " (a QoS 0 publish would be complete by now)");

            network.cutAll();
            network.passReplies();
            Throwable lost = failureOf(delivery);
            assertTrue(lost.getMessage().contains("lost"), lost.toString());

            Link again = awaitIdleAndUp("the link to reconnect");
            assertEquals(1, again.status().reconnects());
            again.deliver(message(41)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            Await.until(Duration.ofSeconds(5), "message 41 a second time", () -> hq.received().stream().filter(r -> r.text().startsWith("41|")).count() == 2);
        }
    }

    @Test
    void withAPersistentSessionPahoDoesNotReplayAnUnconfirmedMessageAfterAReconnect() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); TcpRelay network = new TcpRelay(broker.port());
                MqttRecorder hq = new MqttRecorder(broker.url(), "acct/gw1/data/#")) {
            configureLink(network.url(), Map.of("cleanSession", false));
            Link link = awaitIdleAndUp("the link to come up");

            network.dropReplies();
            CompletionStage<Void> delivery = link.deliver(message(42));
            hq.await(Duration.ofSeconds(5), "the broker to have message 42", r -> r.text().startsWith("42|"));
            network.cutAll();
            network.passReplies();
            failureOf(delivery);

            Link again = awaitIdleAndUp("the link to reconnect");
            Thread.sleep(1000);
            assertEquals(1, hq.received().stream().filter(r -> r.text().startsWith("42|")).count(),
                "the outbox resends, Paho must not replay its own copy on reconnecting");
            again.deliver(message(42)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(0, again.status().inFlight(), "no stale delivery left from the old connection");
        }
    }

    @Test
    void aTimedOutDeliveryGivesBackItsPlaceInPahosWindow() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); TcpRelay network = new TcpRelay(broker.port())) {
            // the outbox window is 1, so Paho's window is 1 + 4 (room for the birth and the disconnect message)
            configureLink(network.url(), Map.of("maxInFlight", 1, "deliveryTimeoutSeconds", 1));
            Link link = awaitIdleAndUp("the link to come up");

            network.dropReplies();
            List<CompletableFuture<Void>> unanswered = new ArrayList<>();
            for (long id = 1; id <= 5; id++) {
                unanswered.add(link.deliver(message(id)).toCompletableFuture());
            }
            for (CompletableFuture<Void> delivery : unanswered) {
                Throwable timedOut = failureOf(delivery);
                assertTrue(timedOut instanceof TimeoutException, timedOut.toString());
            }
            network.passReplies();

            // had the timed-out messages kept their Paho slots, this would fail at once with 32202 (too many publishes in progress)
            link.deliver(message(6)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(0, link.status().reconnects(), "the connection stayed up");
            assertEquals(0, link.status().inFlight());
        }
    }

    @Test
    void aMessageOverMaxMessageBytesIsRefusedForThisLinkOnlyAndTheLinkStaysUp() throws Exception {
        // Mosquitto acknowledges an oversized QoS 1 publish from an MQTT 3.1.1 client and drops it: only the link can refuse it
        try (Mosquitto broker = Mosquitto.startWith("message_size_limit 1000");
                MqttRecorder hq = new MqttRecorder(broker.url(), "acct/gw1/data/#")) {
            configureLink(broker.url(), Map.of("maxMessageBytes", 1000));
            Link link = awaitIdleAndUp("the link to come up");
            assertEquals(1000, link.maxMessageBytes());

            Throwable refused = failureOf(link.deliver(large(60, 2000)));
            MessageTooLargeException tooLarge = assertInstanceOf(MessageTooLargeException.class, refused);
            assertEquals("wired", tooLarge.link());
            assertEquals(1000, tooLarge.limitBytes());

            link.deliver(message(61)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            hq.await(Duration.ofSeconds(5), "the next message", r -> r.text().startsWith("61|"));
            assertTrue(hq.received().stream().noneMatch(r -> r.text().startsWith("60|")), "the large one never went out");
            assertEquals(0, link.status().reconnects());
        }
    }

    @Test
    void aBrokerThatCutsTheConnectionOverAMessageDoesNotMakeTheLinkLoopOnIt() throws Exception {
        // max_packet_size makes Mosquitto disconnect a client that publishes a larger packet; the link's maxMessageBytes
        // is left at its default, as by an operator who did not know the broker's limit
        try (Mosquitto broker = Mosquitto.startWith("max_packet_size 1000");
                MqttRecorder hq = new MqttRecorder(broker.url(), "acct/gw1/data/#")) {
            configureLink(broker.url());
            List<String> outcomes = new ArrayList<>();
            Throwable last = null;
            for (int attempt = 1; attempt <= 6 && !(last instanceof MessageTooLargeException); attempt++) {
                Link link = awaitIdleAndUp("the link to be up for attempt " + attempt);
                last = failureOf(link.deliver(large(70, 2000)));   // the outbox sends the same message again after each loss
                outcomes.add(last.toString());
            }
            assertInstanceOf(MessageTooLargeException.class, last, "refused after the broker cut it a few times: " + outcomes);
            assertEquals(4, outcomes.size(), "three losses, then refused: " + outcomes);

            Link link = awaitIdleAndUp("the link to stay up");
            long reconnects = link.status().reconnects();
            assertInstanceOf(MessageTooLargeException.class, failureOf(link.deliver(large(70, 2000))), "refused again, not sent");
            link.deliver(message(71)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            hq.await(Duration.ofSeconds(5), "a small message after the large one", r -> r.text().startsWith("71|"));
            assertEquals(reconnects, link.status().reconnects(), "no more reconnects once the size is known");
        }
    }

    @Test
    void aConfigurationOutsideTheMetatypeRangesIsRefusedAndNoLinkIsRegistered() throws Exception {
        configureLink("tcp://127.0.0.1:1", Map.of("maxInFlight", 0));
        Thread.sleep(500);
        assertEquals(null, wired.find());
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
