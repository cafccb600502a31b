package io.outpost.itests.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.FreePort;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.WiredLink;

/**
 * The real wired link over TLS and mutual TLS to a real Mosquitto, with certificates the openssl CLI made for
 * this run. HQ's view comes from a second, plain listener of the same broker.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class MqttTlsIT {

    private static TestPki pki;

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;
    private WiredLink wired;
    private Mosquitto broker;
    private int tlsPort;
    private int plainPort;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create();
    }

    @AfterAll
    static void dropCertificates() throws Exception {
        pki.close();
    }

    @BeforeEach
    void setUp() {
        configurations = new Configurations(admin);
        wired = new WiredLink(context);
    }

    @AfterEach
    void tearDown() throws Exception {
        configurations.close();
        wired.awaitGone();
        if (broker != null) {
            broker.close();
        }
    }

    /** A TLS listener first (the shared helper's listener line, followed by our TLS lines), then a plain one for HQ. */
    private void startBroker(boolean requireClientCertificate) throws Exception {
        tlsPort = FreePort.pick();
        plainPort = FreePort.pick();
        broker = Mosquitto.start(tlsPort, "cafile " + pki.file("ca.crt") + "\n"
            + "certfile " + pki.file("server.crt") + "\n"
            + "keyfile " + pki.file("server.key") + "\n"
            + "require_certificate " + requireClientCertificate + "\n"
            + "listener " + plainPort + " 127.0.0.1\n");
        Await.until(Duration.ofSeconds(10), "the plain listener", () -> FreePort.accepts(plainPort));
    }

    private void configureLink(String caFile, boolean withClientCertificate) throws Exception {
        Map<String, Object> props = new HashMap<>(Map.of("brokerUrl", "ssl://127.0.0.1:" + tlsPort, "account", "acct", "clientId", "gw1",
            "caFile", caFile, "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
        if (withClientCertificate) {
            props.put("clientCertFile", pki.file("client.crt").toString());
            props.put("clientKeyFile", pki.file("client.key").toString());
        }
        configurations.single("io.outpost.link.mqtt", props);
    }

    private static OutboundMessage message(long id) {
        return new OutboundMessage(id, new UpstreamMessage(MessageClass.TELEMETRY, "data/boiler", 1L, Map.of("t", Value.of(21.5))));
    }

    private void assertDelivers(MqttRecorder hq) throws Exception {
        wired.await(LinkState.UP, Duration.ofSeconds(15), "the TLS link to come up");
        wired.find().deliver(message(31)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        MqttRecorder.Received data = hq.await(Duration.ofSeconds(5), "the data message", r -> r.topic().equals("acct/gw1/data/boiler"));
        assertEquals(31L, KuraPayloadReader.decode(data.payload()).metrics().get("outpost.msgid"));
    }

    private void assertStaysDown(MqttRecorder hq) throws Exception {
        Await.until(Duration.ofSeconds(10), "the link service", () -> wired.find() != null);
        Thread.sleep(3000);
        assertEquals(LinkState.DOWN, wired.find().state(), "the TLS handshake must fail");
        assertTrue(hq.received().isEmpty(), "nothing may reach the broker: " + hq.received());
    }

    @Test
    void deliversOverTlsWhenTheBrokerCertificateChainsToTheConfiguredCa() throws Exception {
        startBroker(false);
        try (MqttRecorder hq = new MqttRecorder("tcp://127.0.0.1:" + plainPort, "#")) {
            configureLink(pki.file("ca.crt").toString(), false);
            assertDelivers(hq);
        }
    }

    @Test
    void deliversOverMutualTlsWithTheClientCertificate() throws Exception {
        startBroker(true);
        try (MqttRecorder hq = new MqttRecorder("tcp://127.0.0.1:" + plainPort, "#")) {
            configureLink(pki.file("ca.crt").toString(), true);
            assertDelivers(hq);
        }
    }

    @Test
    void staysDownWhenTheBrokerWantsAClientCertificateAndGetsNone() throws Exception {
        startBroker(true);
        try (MqttRecorder hq = new MqttRecorder("tcp://127.0.0.1:" + plainPort, "#")) {
            configureLink(pki.file("ca.crt").toString(), false);
            assertStaysDown(hq);
        }
    }

    @Test
    void staysDownWhenTheBrokerCertificateIsSignedByAnotherCa() throws Exception {
        startBroker(false);
        try (MqttRecorder hq = new MqttRecorder("tcp://127.0.0.1:" + plainPort, "#")) {
            configureLink(pki.file("other-ca.crt").toString(), false);
            assertStaysDown(hq);
        }
    }
}
