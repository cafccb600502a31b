package io.outpost.itests.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
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
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.TcpRelay;
import io.outpost.itests.support.WiredLink;

/** The real Kura profile with the real wired link against a real Mosquitto: what HQ sees on the wire. */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class KuraProfileIT {

    private static final String BIRTH = "$EDC/acct/gw1/MQTT/BIRTH";
    private static final String DC = "$EDC/acct/gw1/MQTT/DC";
    private static final String LWT = "$EDC/acct/gw1/MQTT/LWT";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;
    private WiredLink wired;

    @BeforeEach
    void setUp() {
        configurations = new Configurations(admin);
        wired = new WiredLink(context);
    }

    @AfterEach
    void tearDown() throws Exception {
        configurations.close();
        wired.awaitGone();
    }

    private void configureProfile(Map<String, ?> properties) throws Exception {
        configurations.single("io.outpost.profile.kura", properties);
        Await.until(Duration.ofSeconds(10), "the reconfigured profile", () -> {
            try {
                return context.getServiceReferences(CloudProfile.class, "(" + CloudProfile.ID + "=kura)").stream()
                    .anyMatch(r -> r.getProperty("birthDebounceMillis") != null || r.getProperty("encoding") != null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    private void configureLink(String brokerUrl) throws Exception {
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", brokerUrl, "account", "acct", "clientId", "gw1",
            "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
        wired.await(LinkState.UP, Duration.ofSeconds(10), "the link to come up");
    }

    private static Map<String, Object> metrics(MqttRecorder.Received message) {
        return KuraPayloadReader.decode(message.payload()).metrics();
    }

    private static OutboundMessage message(long id, MessageClass cls, String topic) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("temperature", Value.of(21.5));
        metrics.put("count", Value.of(3));
        return new OutboundMessage(id, new UpstreamMessage(cls, topic, 1_700_000_000_000L, metrics));
    }

    @Test
    void birthOnConnectDataUnderAccountAndClientAndDisconnectOnACleanStop() throws Exception {
        try (Mosquitto broker = Mosquitto.start();
             MqttRecorder control = new MqttRecorder(broker.url(), "$EDC/acct/#");
             MqttRecorder data = new MqttRecorder(broker.url(), "acct/#")) {
            configureLink(broker.url());

            Map<String, Object> birth = metrics(control.await(Duration.ofSeconds(5), "the birth", r -> r.topic().equals(BIRTH)));
            assertEquals("127.0.0.1", birth.get("connection_ip"), birth.toString());
            assertEquals("kura-protobuf", birth.get("payload_encoding"));
            assertEquals("Outpost", birth.get("application_framework"));
            List<String> apps = Arrays.asList(((String) birth.get("application_ids")).split(","));
            assertTrue(apps.contains("profile.kura") && apps.contains("link.mqtt"), apps.toString());
            for (String name : List.of("uptime", "display_name", "model_name", "serial_number", "os", "os_version", "jvm_name",
                "jvm_version", "available_processors", "total_memory", "connection_interface")) {
                assertTrue(birth.get(name) instanceof String s && !s.isEmpty(), name + " in " + birth);
            }

            wired.find().deliver(message(77, MessageClass.TELEMETRY, "data/sim1")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            wired.find().deliver(message(78, MessageClass.ALARM, "alarms/sim1")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            KuraPayloadReader.Decoded telemetry = KuraPayloadReader.decode(
                data.await(Duration.ofSeconds(5), "the data message", r -> r.topic().equals("acct/gw1/data/sim1")).payload());
            assertEquals(1_700_000_000_000L, telemetry.timestamp());
            assertEquals(Map.of("temperature", 21.5, "count", 3, "outpost.msgid", 77L), telemetry.metrics());
            assertEquals(78L, metrics(data.await(Duration.ofSeconds(5), "the alarm", r -> r.topic().equals("acct/gw1/alarms/sim1"))).get("outpost.msgid"));

            configurations.close();
            Map<String, Object> dc = metrics(control.await(Duration.ofSeconds(5), "the disconnect message", r -> r.topic().equals(DC)));
            assertEquals(birth.get("display_name"), dc.get("display_name"));
            Thread.sleep(500);
            assertTrue(control.on(LWT).isEmpty(), "a clean stop must not fire the last will");
        }
    }

    @Test
    void theBrokerPublishesTheLastWillWhenTheConnectionDiesUncleanly() throws Exception {
        try (Mosquitto broker = Mosquitto.start();
             TcpRelay network = new TcpRelay(broker.port());
             MqttRecorder control = new MqttRecorder(broker.url(), "$EDC/acct/#")) {
            configureLink("tcp://127.0.0.1:" + network.port());
            control.await(Duration.ofSeconds(5), "the birth", r -> r.topic().equals(BIRTH));
            assertTrue(control.on(LWT).isEmpty());

            network.cutAll();
            Map<String, Object> will = metrics(control.await(Duration.ofSeconds(10), "the last will", r -> r.topic().equals(LWT)));
            assertTrue(will.get("display_name") instanceof String, will.toString());
            assertTrue(control.on(DC).isEmpty(), "an unclean loss sends no DC");

            Await.until(Duration.ofSeconds(15), "a second birth after reconnecting", () -> control.on(BIRTH).size() >= 2);
        }
    }

    @Test
    void theBirthIsPublishedAgainWhenOutpostBundlesChange() throws Exception {
        Bundle sim = Bundles.find(context, "io.outpost.driver.sim").orElseThrow();
        try (Mosquitto broker = Mosquitto.start(); MqttRecorder control = new MqttRecorder(broker.url(), "$EDC/acct/#")) {
            configureProfile(Map.of("birthDebounceMillis", 300L));
            configureLink(broker.url());
            Map<String, Object> first = metrics(control.await(Duration.ofSeconds(5), "the birth", r -> r.topic().equals(BIRTH)));
            assertTrue(((String) first.get("application_ids")).contains("driver.sim"), first.toString());
            try {
                sim.stop();
                MqttRecorder.Received again = control.await(Duration.ofSeconds(10), "a birth without driver.sim",
                    r -> r.topic().equals(BIRTH) && !((String) metrics(r).get("application_ids")).contains("driver.sim"));
                assertTrue(((String) metrics(again).get("outpost.bundles")).contains("io.outpost.driver.sim:"), "still installed, just not active");
            } finally {
                sim.start();
            }
            Await.until(Duration.ofSeconds(10), "a birth with driver.sim back", () -> control.on(BIRTH).size() >= 3
                && ((String) metrics(control.on(BIRTH).get(control.on(BIRTH).size() - 1)).get("application_ids")).contains("driver.sim"));
        }
    }

    @Test
    void theBirthCarriesTheModemIdentityACellularLinkPublishesAndIsSentAgainWhenItChanges() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); MqttRecorder control = new MqttRecorder(broker.url(), "$EDC/acct/#")) {
            configureProfile(Map.of("birthDebounceMillis", 300L));
            configureLink(broker.url());
            Map<String, Object> first = metrics(control.await(Duration.ofSeconds(5), "the birth", r -> r.topic().equals(BIRTH)));
            assertEquals(null, first.get("modem_imei"), "no modem yet: " + first);
            // the service properties a cellular link registers once its modem answered AT+CGSN and AT+CCID
            java.util.Hashtable<String, Object> modem = new java.util.Hashtable<>(Map.of("outpost.modem.imei", "356938035643809",
                "outpost.modem.iccid", "8944501234567890123"));
            org.osgi.framework.ServiceRegistration<Object> registration = context.registerService(Object.class, new Object(), modem);
            try {
                MqttRecorder.Received withModem = control.await(Duration.ofSeconds(10), "a birth with the modem",
                    r -> r.topic().equals(BIRTH) && "356938035643809".equals(metrics(r).get("modem_imei")));
                assertEquals("8944501234567890123", metrics(withModem).get("modem_iccid"));
                int births = control.on(BIRTH).size();
                modem.put("outpost.link.signal", 70);
                registration.setProperties(modem);
                Thread.sleep(1000);
                assertEquals(births, control.on(BIRTH).size(), "a signal update alone sends no new birth");
            } finally {
                registration.unregister();
            }
            Await.until(Duration.ofSeconds(10), "a birth without the modem once it is gone", () -> {
                List<MqttRecorder.Received> births = control.on(BIRTH);
                return metrics(births.get(births.size() - 1)).get("modem_imei") == null
                    && births.stream().anyMatch(r -> metrics(r).get("modem_imei") != null);
            });
        }
    }

    @Test
    void jsonEncodingIsReadableWithAPlainSubscriber() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); MqttRecorder data = new MqttRecorder(broker.url(), "acct/#")) {
            configureProfile(Map.of("encoding", "json"));
            configureLink(broker.url());
            wired.find().deliver(message(5, MessageClass.EVENT, "data/sim1")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            String text = data.await(Duration.ofSeconds(5), "the data message", r -> r.topic().equals("acct/gw1/data/sim1")).text();
            assertEquals("{\"sentOn\":1700000000000,\"metrics\":{\"temperature\":21.5,\"count\":3,\"outpost.msgid\":5}}", text);
        }
    }
}
