package io.outpost.link.mqtt;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbers of an MQTT link configuration, checked against the ranges its metatype declares. ConfigAdmin does
 * not enforce metatype ranges, so a configuration file with {@code maxInFlight=0} reaches the component as is;
 * this refuses it with a message naming every field that is out of range.
 */
record MqttLinkSettings(URI brokerUri, int keepAliveSeconds, int maxInFlight, int connectTimeoutSeconds,
        long reconnectMinMillis, long reconnectMaxMillis, int maxMessageBytes, Duration deliveryTimeout, int requestWorkers,
        int requestQueue, Duration replyTtl) {

    /** The largest payload MQTT 3.1.1 can carry (its remaining-length limit). */
    static final int MQTT_MAX_PAYLOAD = 268_435_455;

    /**
     * @param linkId the link's id, for the messages
     * @throws IllegalArgumentException naming the link and each wrong field, e.g.
     *     {@code mqtt link 'wired': 'maxInFlight' 0 is out of range 1-65535}
     */
    static MqttLinkSettings parse(String linkId, MqttLinkConfig config) {
        List<String> problems = new ArrayList<>();
        URI uri = null;
        try {
            uri = MqttLink.parseBrokerUrl(config.brokerUrl().trim());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        range(problems, "keepAliveSeconds", config.keepAliveSeconds(), 1, 65535);
        range(problems, "maxInFlight", config.maxInFlight(), 1, 65535);
        range(problems, "connectTimeoutSeconds", config.connectTimeoutSeconds(), 1, 3600);
        range(problems, "reconnectMinMillis", config.reconnectMinMillis(), 100, 3_600_000);
        range(problems, "reconnectMaxMillis", config.reconnectMaxMillis(), 100, 86_400_000);
        if (config.reconnectMaxMillis() < config.reconnectMinMillis()) {
            problems.add("'reconnectMaxMillis' " + config.reconnectMaxMillis() + " is below 'reconnectMinMillis' " + config.reconnectMinMillis());
        }
        range(problems, "maxMessageBytes", config.maxMessageBytes(), 1, MQTT_MAX_PAYLOAD);
        range(problems, "deliveryTimeoutSeconds", config.deliveryTimeoutSeconds(), 1, 3600);
        range(problems, "requestWorkers", config.requestWorkers(), 1, 16);
        range(problems, "requestQueue", config.requestQueue(), 1, 10000);
        range(problems, "replyTtlSeconds", config.replyTtlSeconds(), 1, 86400);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("mqtt link '" + linkId + "': " + String.join("; ", problems));
        }
        return new MqttLinkSettings(uri, config.keepAliveSeconds(), config.maxInFlight(), config.connectTimeoutSeconds(),
            config.reconnectMinMillis(), config.reconnectMaxMillis(), config.maxMessageBytes(),
            Duration.ofSeconds(config.deliveryTimeoutSeconds()), config.requestWorkers(), config.requestQueue(),
            Duration.ofSeconds(config.replyTtlSeconds()));
    }

    private static void range(List<String> problems, String field, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add("'" + field + "' " + value + " is out of range " + min + "-" + max);
        }
    }
}
