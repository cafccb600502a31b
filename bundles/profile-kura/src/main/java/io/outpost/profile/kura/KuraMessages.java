package io.outpost.profile.kura;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Builds every message of the Kura profile: data, alarms and events on {@code <account>/<client-id>/<app-topic>},
 * replies under the control prefix, and the lifecycle messages (birth, disconnect, last will). All at QoS 1,
 * never retained. Stateless apart from its inputs, thread-safe.
 */
final class KuraMessages {

    /** The metric carrying the outbox id of a message, so that HQ can drop a message it already has. */
    static final String MESSAGE_ID = "outpost.msgid";
    /**
     * The metric carrying the epoch of the store that gave the id: HQ de-duplicates on (client id, epoch, id) and
     * reads a gap in the ids of one epoch as a loss. Left out for a message without an epoch (none from the outbox).
     */
    static final String EPOCH = "outpost.epoch";

    private static final int QOS = 1;

    private final KuraTopics topics;
    private final PayloadFormat format;
    private final DeviceProfile device;
    private final Supplier<InstalledApps> apps;
    private final Supplier<Map<String, String>> modem;
    private final Clock clock;
    private final LongSupplier uptimeMillis;

    KuraMessages(KuraSettings settings, DeviceProfile device, Supplier<InstalledApps> apps, Supplier<Map<String, String>> modem,
            Clock clock, LongSupplier uptimeMillis) {
        this.modem = modem;
        this.topics = new KuraTopics(settings.controlPrefix());
        this.format = settings.format();
        this.device = device;
        this.apps = apps;
        this.clock = clock;
        this.uptimeMillis = uptimeMillis;
    }

    EncodedMessage encode(GatewayIdentity gw, OutboundMessage outbound) {
        UpstreamMessage message = outbound.message();
        Map<String, Value> metrics = new LinkedHashMap<>(message.metrics());
        metrics.put(MESSAGE_ID, Value.of(outbound.id()));
        if (outbound.hasEpoch()) {
            metrics.put(EPOCH, Value.of(outbound.epoch()));
        }
        String topic = message.messageClass() == MessageClass.REPLY ? topics.reply(gw, message.topic()) : topics.data(gw, message.topic());
        byte[] payload = format.encode(new KuraPayload(message.timestamp(), null, metrics, message.body()));
        return new EncodedMessage(topic, payload, QOS, false);
    }

    /** Kura's birth certificate: device facts, connection facts from the link, installed applications. All strings, as Kura sends them. */
    EncodedMessage birth(GatewayIdentity gw, Map<String, Value> connection) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("uptime", Value.of(Long.toString(uptimeMillis.getAsLong())));
        device.facts().forEach((name, value) -> metrics.put(name, Value.of(value)));
        if (connection != null) {
            connection.forEach((name, value) -> metrics.put(name, Value.of(String.valueOf(value))));
        }
        InstalledApps installed = apps.get();
        metrics.put("application_ids", Value.of(String.join(",", installed.applicationIds())));
        metrics.put("outpost.bundles", Value.of(String.join(",", installed.bundles())));
        modem.get().forEach((name, value) -> metrics.put(name, Value.of(value)));
        metrics.put("payload_encoding", Value.of(format.encoding().birthName));
        metrics.put("accept_encoding", Value.of("gzip"));
        return lifecycle(topics.birth(gw), metrics);
    }

    /** {@code MQTT/APPS}: the birth certificate's payload on its own topic, as Kura sends it when request handlers come and go. */
    EncodedMessage apps(GatewayIdentity gw, Map<String, Value> connection) {
        EncodedMessage birth = birth(gw, connection);
        return new EncodedMessage(topics.apps(gw), birth.payload(), birth.qos(), birth.retained());
    }

    EncodedMessage disconnect(GatewayIdentity gw) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("uptime", Value.of(Long.toString(uptimeMillis.getAsLong())));
        metrics.put("display_name", Value.of(device.displayName()));
        return lifecycle(topics.disconnect(gw), metrics);
    }

    /** Built when the link connects and held by the broker; its timestamp is the time of registration. */
    EncodedMessage lastWill(GatewayIdentity gw) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("display_name", Value.of(device.displayName()));
        return lifecycle(topics.lastWill(gw), metrics);
    }

    String controlTopicFilter(GatewayIdentity gw) {
        return topics.controlFilter(gw);
    }

    private EncodedMessage lifecycle(String topic, Map<String, Value> metrics) {
        return new EncodedMessage(topic, format.encode(new KuraPayload(clock.millis(), metrics)), QOS, false);
    }
}
