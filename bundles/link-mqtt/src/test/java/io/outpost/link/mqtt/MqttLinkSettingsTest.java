package io.outpost.link.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MqttLinkSettingsTest {

    private static String refusal(Map<String, Object> overrides) {
        return assertThrows(IllegalArgumentException.class, () -> MqttLinkSettings.parse("wired", Configs.link(overrides))).getMessage();
    }

    @Test
    void theDefaultsAreAccepted() {
        MqttLinkSettings settings = MqttLinkSettings.parse("wired", Configs.link(Map.of()));
        assertEquals(100, settings.maxInFlight());
        assertEquals(MqttLinkSettings.MQTT_MAX_PAYLOAD, settings.maxMessageBytes());
        assertEquals(Duration.ofSeconds(30), settings.deliveryTimeout());
    }

    @Test
    void aValueOutsideTheMetatypeRangeIsRefusedNamingTheLinkTheFieldAndTheRange() {
        assertEquals("mqtt link 'wired': 'maxInFlight' 0 is out of range 1-65535", refusal(Map.of("maxInFlight", 0)));
        assertEquals("mqtt link 'wired': 'reconnectMinMillis' 0 is out of range 100-3600000", refusal(Map.of("reconnectMinMillis", 0L)));
        assertTrue(refusal(Map.of("keepAliveSeconds", 0)).contains("'keepAliveSeconds' 0 is out of range 1-65535"));
        assertTrue(refusal(Map.of("connectTimeoutSeconds", -1)).contains("'connectTimeoutSeconds' -1"));
        assertTrue(refusal(Map.of("maxMessageBytes", 0)).contains("'maxMessageBytes' 0 is out of range 1-268435455"));
        assertTrue(refusal(Map.of("deliveryTimeoutSeconds", 0)).contains("'deliveryTimeoutSeconds' 0"));
        assertTrue(refusal(Map.of("maxInFlight", 70000)).contains("'maxInFlight' 70000 is out of range 1-65535"));
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        String message = refusal(Map.of("maxInFlight", 0, "reconnectMaxMillis", 50L, "brokerUrl", "http://nowhere"));
        assertTrue(message.contains("'maxInFlight' 0"), message);
        assertTrue(message.contains("'reconnectMaxMillis' 50"), message);
        assertTrue(message.contains("brokerUrl 'http://nowhere'"), message);
    }

    @Test
    void theLongestReconnectDelayMayNotBeBelowTheFirst() {
        assertTrue(refusal(Map.of("reconnectMinMillis", 5000L, "reconnectMaxMillis", 1000L))
            .contains("'reconnectMaxMillis' 1000 is below 'reconnectMinMillis' 5000"));
    }
}
