package io.outpost.profile.kura;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.profile.kura.ProtobufReader.Field;

class KuraMessagesTest {


    static final GatewayIdentity GW = new GatewayIdentity("acme", "gw-7");
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    static KuraMessages messages(KuraSettings settings) {
        return messages(settings, () -> Map.of());
    }

    static KuraMessages messages(KuraSettings settings, java.util.function.Supplier<Map<String, String>> modem) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("display_name", "pump-station-7");
        facts.put("model_name", "Raspberry Pi 4 Model B Rev 1.4");
        facts.put("serial_number", "10000000abcdef01");
        InstalledApps apps = new InstalledApps(List.of("link.mqtt", "sampler"),
            List.of("io.outpost.link.mqtt:0.1.0:ACTIVE", "io.outpost.sampler:0.1.0:ACTIVE"));
        return new KuraMessages(settings, new DeviceProfile(facts), () -> apps, modem, CLOCK, () -> 123_456L);
    }

    /** Decodes a protobuf payload into metric name -> string form of its value (enough for these tests). */
    static Map<String, String> metrics(byte[] payload) {
        return ProtobufReader.read(payload).stream().filter(f -> f.number() == 5000).map(Field::nested)
            .collect(Collectors.toMap(m -> m.get(0).text(), m -> {
                Field value = m.get(2);
                return switch (value.number()) {
                    case 3 -> Double.toString(value.asDouble());
                    case 8 -> value.text();
                    default -> Long.toString(value.bits());
                };
            }, (a, b) -> b, LinkedHashMap::new));
    }

    private static OutboundMessage outbound(long id, MessageClass cls, String topic) {
        return new OutboundMessage(id, new UpstreamMessage(cls, topic, 1_699_999_999_000L, Map.of("temperature", Value.of(21.5)),
            "raw".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dataGoesToAccountClientAppTopicWithTheOutboxIdAsMetric() {
        EncodedMessage m = messages(KuraSettings.defaults()).encode(GW, outbound(42, MessageClass.TELEMETRY, "data/sim1"));
        assertEquals("acme/gw-7/data/sim1", m.topic());
        assertEquals(1, m.qos());
        assertFalse(m.retained());
        assertEquals(Map.of("temperature", "21.5", KuraMessages.MESSAGE_ID, "42"), metrics(m.payload()));
        List<Field> fields = ProtobufReader.read(m.payload());
        assertEquals(1_699_999_999_000L, fields.get(0).bits(), "the message's own timestamp, not the clock's");
        assertArrayEquals("raw".getBytes(StandardCharsets.UTF_8), fields.get(fields.size() - 1).bytes());
    }

    @Test
    void theStoreEpochTravelsBesideTheMessageIdInProtobufAndJson() {
        long epoch = (1L << 53) - 1;   // the largest epoch: exact in a JSON parser that reads numbers as doubles
        OutboundMessage outbound = new OutboundMessage(42, epoch, new UpstreamMessage(MessageClass.ALARM, "alarms/sim1", 1L,
            Map.of("temperature", Value.of(21.5))));
        EncodedMessage proto = messages(KuraSettings.defaults()).encode(GW, outbound);
        assertEquals(List.of("temperature", KuraMessages.MESSAGE_ID, KuraMessages.EPOCH), List.copyOf(metrics(proto.payload()).keySet()));
        assertEquals(Long.toString(epoch), metrics(proto.payload()).get(KuraMessages.EPOCH));
        List<Field> epochMetric = ProtobufReader.read(proto.payload()).stream().filter(f -> f.number() == 5000).map(Field::nested)
            .filter(m -> m.get(0).text().equals(KuraMessages.EPOCH)).findFirst().orElseThrow();
        assertEquals(2, epochMetric.get(1).bits(), "type INT64");
        assertEquals(5, epochMetric.get(2).number(), "in long_value");
        KuraSettings json = new KuraSettings("$EDC", new PayloadFormat(PayloadFormat.Encoding.JSON, false), "", "", "", "", 2000);
        String text = new String(messages(json).encode(GW, outbound).payload(), StandardCharsets.UTF_8);
        assertEquals("{\"sentOn\":1,\"metrics\":{\"temperature\":21.5,\"outpost.msgid\":42,\"outpost.epoch\":9007199254740991}}", text);
    }

    @Test
    void aMessageWithoutAnEpochCarriesNoEpochMetric() {
        EncodedMessage m = messages(KuraSettings.defaults()).encode(GW, outbound(42, MessageClass.TELEMETRY, "data/sim1"));
        assertFalse(metrics(m.payload()).containsKey(KuraMessages.EPOCH));
    }

    @Test
    void alarmsUseTheirAppTopicAndRepliesGoToTheRequesterUnderTheControlPrefix() {
        KuraMessages messages = messages(KuraSettings.defaults());
        assertEquals("acme/gw-7/alarms/sim1", messages.encode(GW, outbound(1, MessageClass.ALARM, "alarms/sim1")).topic());
        assertEquals("$EDC/acme/hq-1/CONF-V1/REPLY/req-9", messages.encode(GW, outbound(2, MessageClass.REPLY, "hq-1/CONF-V1/REPLY/req-9")).topic());
    }

    @Test
    void lifecycleTopicsAndTheControlFilterFollowTheConfiguredPrefix() {
        KuraSettings custom = new KuraSettings("$CTL", new PayloadFormat(PayloadFormat.Encoding.PROTOBUF, false), "", "", "", "", 2000);
        KuraMessages messages = messages(custom);
        assertEquals("$CTL/acme/gw-7/MQTT/BIRTH", messages.birth(GW, Map.of()).topic());
        assertEquals("$CTL/acme/gw-7/MQTT/DC", messages.disconnect(GW).topic());
        assertEquals("$CTL/acme/gw-7/MQTT/LWT", messages.lastWill(GW).topic());
        assertEquals("$CTL/acme/gw-7/#", messages.controlTopicFilter(GW));
        assertEquals("$EDC/acme/gw-7/MQTT/BIRTH", messages(KuraSettings.defaults()).birth(GW, Map.of()).topic());
    }

    @Test
    void birthCarriesTheModemIdentityWhenACellularLinkKnowsIt() {
        java.util.concurrent.atomic.AtomicReference<Map<String, String>> modem = new java.util.concurrent.atomic.AtomicReference<>(Map.of());
        KuraMessages messages = messages(KuraSettings.defaults(), modem::get);
        assertEquals(null, metrics(messages.birth(GW, Map.of()).payload()).get("modem_imei"), "no modem, no modem metrics");
        modem.set(Map.of("modem_imei", "356938035643809", "modem_iccid", "8944501234567890123"));
        Map<String, String> metrics = metrics(messages.birth(GW, Map.of()).payload());
        assertEquals("356938035643809", metrics.get("modem_imei"));
        assertEquals("8944501234567890123", metrics.get("modem_iccid"));
    }

    @Test
    void birthCarriesTheDeviceProfileConnectionFactsAndApplications() {
        EncodedMessage birth = messages(KuraSettings.defaults()).birth(GW, Map.of("connection_interface", Value.of("eth0"), "connection_ip", Value.of("10.0.0.7")));
        Map<String, String> metrics = metrics(birth.payload());
        assertEquals("123456", metrics.get("uptime"));
        assertEquals("pump-station-7", metrics.get("display_name"));
        assertEquals("Raspberry Pi 4 Model B Rev 1.4", metrics.get("model_name"));
        assertEquals("10000000abcdef01", metrics.get("serial_number"));
        assertEquals("eth0", metrics.get("connection_interface"));
        assertEquals("10.0.0.7", metrics.get("connection_ip"));
        assertEquals("link.mqtt,sampler", metrics.get("application_ids"));
        assertEquals("io.outpost.link.mqtt:0.1.0:ACTIVE,io.outpost.sampler:0.1.0:ACTIVE", metrics.get("outpost.bundles"));
        assertEquals("kura-protobuf", metrics.get("payload_encoding"));
        assertEquals(1_700_000_000_000L, ProtobufReader.read(birth.payload()).get(0).bits());
    }

    @Test
    void disconnectAndLastWillNameTheGateway() {
        KuraMessages messages = messages(KuraSettings.defaults());
        assertEquals(Map.of("uptime", "123456", "display_name", "pump-station-7"), metrics(messages.disconnect(GW).payload()));
        assertEquals(Map.of("display_name", "pump-station-7"), metrics(messages.lastWill(GW).payload()));
    }

    @Test
    void jsonEncodingAppliesToDataAndLifecycleMessages() {
        KuraSettings json = new KuraSettings("$EDC", new PayloadFormat(PayloadFormat.Encoding.JSON, false), "", "", "", "", 2000);
        KuraMessages messages = messages(json);
        String data = new String(messages.encode(GW, outbound(42, MessageClass.EVENT, "data/sim1")).payload(), StandardCharsets.UTF_8);
        assertEquals("{\"sentOn\":1699999999000,\"metrics\":{\"temperature\":21.5,\"outpost.msgid\":42},\"body\":\"cmF3\"}", data);
        String birth = new String(messages.birth(GW, Map.of()).payload(), StandardCharsets.UTF_8);
        assertTrue(birth.contains("\"payload_encoding\":\"simple-json\""), birth);
    }

    @Test
    void theAppsCertificateIsTheBirthOnMqttApps() {
        KuraMessages messages = messages(KuraSettings.defaults());
        EncodedMessage apps = messages.apps(GW, Map.of());
        assertEquals("$EDC/acme/gw-7/MQTT/APPS", apps.topic());
        assertEquals(metrics(messages.birth(GW, Map.of()).payload()), metrics(apps.payload()));
    }

    @Test
    void requestHandlerAppIdsComeFirstInApplicationIds() {
        InstalledApps apps = InstalledApps.of(new org.osgi.framework.Bundle[0], List.of("ASSET-V1", "INVENTORY-V1"));
        assertEquals(List.of("ASSET-V1", "INVENTORY-V1"), apps.applicationIds());
    }
}
