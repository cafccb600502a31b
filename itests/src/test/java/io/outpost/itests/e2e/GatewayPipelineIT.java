package io.outpost.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.link.LinkState;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.MqttRecorder;
import io.outpost.itests.support.MqttRecorder.Received;
import io.outpost.itests.support.WiredLink;

/**
 * The whole gateway path with every real bundle, configured as a user would: a simulated device, the threshold
 * filter, the durable outbox, the wired MQTT link with the Kura profile (JSON encoding, so the test reads what a
 * person with mosquitto_sub would read), and a real Mosquitto with a subscriber standing in for HQ.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class GatewayPipelineIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern METRIC = Pattern.compile("\"([^\"]+)\":(\"[^\"]*\"|[^,}]+)");

    @InjectService
    ConfigurationAdmin admin;

    @InjectBundleContext
    BundleContext context;

    private Configurations configurations;
    private Mosquitto broker;
    private Path outboxDir;

    @BeforeEach
    void gateway() throws Exception {
        configurations = new Configurations(admin);
        broker = Mosquitto.start();
        outboxDir = Files.createTempDirectory("outbox-e2e-");
        configurations.single("io.outpost.profile.kura", Map.of("encoding", "json"));
        // a delivery whose confirmation is lost while the link is re-created (profile and link configurations change
        // together here) is resent after the delivery timeout: 5 s instead of the product's 30 s keeps that in the wait
        configurations.single("io.outpost.outbox", Map.of("directory", outboxDir.toString(), "fsyncIntervalMillis", "20",
            "deliveryTimeoutSeconds", "5"));
        configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", broker.url(), "account", "acct", "clientId", "gw-e2e",
            "reconnectMinMillis", 200L, "reconnectMaxMillis", 1000L));
        new WiredLink(context).await(LinkState.UP, WAIT, "the link to the test broker to come up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
        broker.close();
    }

    @Test
    void readingsOfTheSimulatedDeviceReachASubscriberAsKuraJson() throws Exception {
        try (MqttRecorder hq = new MqttRecorder(broker.url(), "acct/gw-e2e/#")) {
            configurations.factory("io.outpost.device", "e2e-plain", Map.of("name", "e2e-plain", "driver", "sim", "pollMillis", "200",
                "channel.temperature.valueType", "double", "channel.temperature.unit", "degC", "channel.temperature.waveform", "sine",
                "channel.temperature.min", "18", "channel.temperature.max", "26"));

            Received data = hq.await(WAIT, "a data message of e2e-plain", r -> r.topic().equals("acct/gw-e2e/data/e2e-plain"));
            Map<String, String> metrics = metrics(data);
            double temperature = Double.parseDouble(metrics.get("temperature"));
            assertTrue(temperature >= 18 && temperature <= 26, data.text());
            assertTrue(metrics.containsKey("outpost.msgid"), "the outbox id travels for de-duplication: " + data.text());
            assertTrue(metrics.containsKey("outpost.epoch"), "and the store's epoch: " + data.text());
            assertTrue(data.text().startsWith("{\"sentOn\":"), data.text());
        }
    }

    @Test
    void aKnownPatternGivesExactlyTheExpectedAlarmAndEventMessagesOnTheWire() throws Exception {
        try (MqttRecorder hq = new MqttRecorder(broker.url(), "acct/gw-e2e/+/e2e-pattern")) {
            configurations.factory("io.outpost.filter.rule", "e2e-level", Map.of("device", "e2e-pattern", "channel", "level",
                "low", "19", "high", "25", "hysteresis", "0.5", "deadband", "1"));
            Thread.sleep(500);  // the rule is a component of its own: let it come up before the device starts
            configurations.factory("io.outpost.device", "e2e-pattern", Map.of("name", "e2e-pattern", "driver", "sim", "pollMillis", "150",
                "channel.level.valueType", "double", "channel.level.waveform", "sequence",
                "channel.level.values", "20,22,26,27,24.8,24,22,18,17,20,20,20"));

            List<String> expected = List.of(
                "data level=20.0",
                "data level=22.0",
                "alarms raised high 25.0 at 26.0",
                "data level=24.8",
                "alarms cleared high 25.0 at 24.0",
                "data level=22.0",
                "alarms raised low 19.0 at 18.0",
                "alarms cleared low 19.0 at 20.0");
            try {
                Await.until(WAIT, expected.size() + " messages about e2e-pattern", () -> hq.received().size() >= expected.size());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; received " + hq.received().stream().map(Received::text).toList()
                    + "; outbox " + outboxSnapshot(), e);
            }
            List<String> seen = new ArrayList<>();
            for (Received r : hq.received()) {
                seen.add(describe(r));
            }
            assertEquals(expected, seen.subList(0, expected.size()), "in order, each exactly once: " + seen);
        }
    }

    private String outboxSnapshot() {
        var ref = context.getServiceReference(OutboxStatistics.class);
        return ref == null ? "not registered" : String.valueOf(context.getService(ref).snapshot());
    }

    /** "data level=20.0" or "alarms raised high 25.0 at 26.0". */
    private static String describe(Received r) {
        Map<String, String> m = metrics(r);
        String app = r.topic().split("/")[2];
        if (app.equals("alarms")) {
            return app + " " + unquote(m.get("state")) + " " + unquote(m.get("limit")) + " " + m.get("threshold") + " at " + m.get("value");
        }
        StringBuilder s = new StringBuilder(app);
        m.forEach((k, v) -> {
            if (!k.startsWith("outpost.")) {   // outpost.msgid, outpost.epoch
                s.append(' ').append(k).append('=').append(v);
            }
        });
        return s.toString();
    }

    private static Map<String, String> metrics(Received r) {
        String text = r.text();
        int start = text.indexOf("\"metrics\":{");
        assertTrue(start >= 0, "a JSON payload with metrics: " + text);
        String body = text.substring(start + "\"metrics\":{".length(), text.indexOf('}', start));
        Map<String, String> metrics = new java.util.TreeMap<>();
        Matcher m = METRIC.matcher(body);
        while (m.find()) {
            metrics.put(m.group(1), m.group(2));
        }
        return metrics;
    }

    private static String unquote(String s) {
        return s == null ? null : s.replace("\"", "");
    }
}
