package io.outpost.itests.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.OutboxAlone;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.Services;
import io.outpost.itests.support.TcpRelay;
import io.outpost.itests.support.TextProfile;
import io.outpost.itests.support.WiredLink;

/**
 * The real outbox over the real wired link: a message the broker received but never confirmed (the connection
 * dropped before its PUBACK) is not taken for delivered; the outbox sends it again, under the same id, once the
 * link is back. A link that completed deliveries on the socket write (QoS 0) would lose it here.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class UnconfirmedResendIT {

    private OutboxAlone alone;

    private static final TextProfile PROFILE = new TextProfile("text-resend-it", m -> m.id() + "|" + m.message().metrics().get("n"));

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private ServiceRegistration<CloudProfile> profile;
    private Configurations configurations;
    private Path storeDir;

    @BeforeEach
    void setUp() throws Exception {
        alone = new OutboxAlone(context);
        profile = PROFILE.register(context);
        configurations = new Configurations(admin);
        storeDir = Files.createTempDirectory("resend-it");
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
        profile.unregister();
        Await.until(Duration.ofSeconds(10), "the outbox to stop", () -> context.getServiceReference(Upstream.class) == null);
        try (var files = Files.walk(storeDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        alone.close();
    }

    @Test
    void aMessageWhoseConnectionDroppedBeforeThePubackIsSentAgainUnderTheSameId() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); TcpRelay network = new TcpRelay(broker.port());
                MqttRecorder hq = new MqttRecorder(broker.url(), "acct/gwr/data/#")) {
            configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", network.url(), "account", "acct", "clientId", "gwr",
                "profile.target", PROFILE.target(), "reconnectMinMillis", 200L, "reconnectMaxMillis", 500L));
            WiredLink wired = new WiredLink(context);
            Link link = wired.await(LinkState.UP, Duration.ofSeconds(10), "the link to come up");
            Await.until(Duration.ofSeconds(5), "the birth to be confirmed", () -> link.status().inFlight() == 0);
            network.dropReplies();
            configurations.single("io.outpost.outbox", Map.of("directory", storeDir.toString(), "fsyncIntervalMillis", 20L,
                "waitForFsync", true, "links", new String[] {"wired"}));
            Await.until(Duration.ofSeconds(10), "the outbox", () -> context.getServiceReference(Upstream.class) != null);
            Upstream outbox = Services.find(context, Upstream.class, null);

            Acknowledgement ack = outbox.send(new UpstreamMessage(MessageClass.ALARM, "data/door", System.currentTimeMillis(),
                Map.of("n", Value.of(1)))).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(Acknowledgement.Outcome.DURABLE, ack.outcome());
            String first = hq.await(Duration.ofSeconds(10), "the broker to have the message", r -> r.text().endsWith("|1")).text();
            Thread.sleep(500);
            assertEquals(1, link.status().inFlight(), "the broker has it, the link has not heard so: still unconfirmed");

            network.cutAll();
            network.passReplies();
            Await.until(Duration.ofSeconds(15), "the message a second time", () -> hq.received().stream().filter(r -> r.text().endsWith("|1")).count() >= 2);
            List<String> copies = hq.received().stream().map(MqttRecorder.Received::text).filter(t -> t.endsWith("|1")).toList();
            assertTrue(copies.stream().allMatch(first::equals), "sent again under the same id: " + copies);
            Link back = wired.await(LinkState.UP, Duration.ofSeconds(5), "the link to be back");
            Await.until(Duration.ofSeconds(5), "the resend to be confirmed", () -> back.status().inFlight() == 0);
        }
    }
}
