package io.outpost.hq.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.outpost.api.hq.AlarmRecord;
import io.outpost.api.hq.Bucket;
import io.outpost.api.hq.FleetRegistry;
import io.outpost.api.hq.GatewayId;
import io.outpost.api.hq.GatewayRecord;
import io.outpost.api.hq.GatewayState;
import io.outpost.api.hq.LifecycleEvent;
import io.outpost.api.hq.Sample;
import io.outpost.api.hq.TelemetryQuery;

class HqCommandsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final GatewayId GW = new GatewayId("outpost", "pi");
    private final List<String> asked = new ArrayList<>();

    private final FleetRegistry fleet = new FleetRegistry() {
        final GatewayRecord pi = new GatewayRecord(GW, GatewayState.ONLINE, NOW.minusSeconds(5), Optional.of(LifecycleEvent.BIRTH),
                Optional.of(NOW.minusSeconds(60)), "kura", Map.of("model_name", "Pi 4"), List.of("sampler"));

        public List<GatewayRecord> gateways() { return List.of(pi); }
        public Optional<GatewayRecord> gateway(GatewayId id) { return id.equals(GW) ? Optional.of(pi) : Optional.empty(); }
        public List<GatewayRecord> byClientId(String c) { return c.equals("pi") ? List.of(pi) : List.of(); }
    };

    private final TelemetryQuery telemetry = new TelemetryQuery() {
        public List<Sample> samples(GatewayId g, String d, String c, Instant from, Instant to, int limit) {
            asked.add("samples " + Duration.between(from, to));
            return List.of(new Sample(NOW.minusSeconds(1), 21.5, null));
        }
        public List<Sample> latestSamples(GatewayId g, String d, String c, Instant from, Instant to, int limit) {
            return samples(g, d, c, from, to, limit);
        }
        public long count(GatewayId g, String d, String c, Instant from, Instant to) { return 1; }
        public List<Bucket> downsample(GatewayId g, String d, String c, Instant from, Instant to, Duration b) {
            asked.add("buckets " + b);
            return List.of(new Bucket(from, 2, 1, 1.5, 2));
        }
        public List<String> channels(GatewayId g) { return List.of("sim1/temperature"); }
        public List<AlarmRecord> alarms(GatewayId g, Instant from, Instant to) { return List.of(); }
    };

    private final HqCommands commands = new HqCommands(fleet, telemetry, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void listsTheFleetAndOneGateway() {
        String table = commands.fleet();
        assertTrue(table.contains("outpost/pi") && table.contains("online") && table.contains("5 s ago") && table.contains("Pi 4"), table);
        String one = commands.gateway("pi");
        assertTrue(one.contains("model_name") && one.contains("sim1/temperature"), one);
        assertEquals("no gateway nope (hq:fleet lists them)\n", commands.gateway("nope"));
    }

    @Test
    void telemetryTakesSinceAndBucket() {
        assertTrue(commands.telemetry("outpost/pi", "sim1", "temperature").contains("21.5"));
        commands.telemetry("pi", "sim1", "temperature", "--since", "2h");
        assertEquals("samples PT2H", asked.get(1));
        String buckets = commands.telemetry("pi", "sim1", "temperature", "--since", "1d", "--bucket", "15m");
        assertTrue(buckets.contains("1.5"), buckets);
        assertEquals("buckets PT15M", asked.get(2));
        assertTrue(buckets.contains("2025-12-31T12:00:00Z"), "buckets start on whole bucket times: " + buckets);
        assertEquals("--since '1x' is not a duration like 90s, 15m, 1h or 7d\n", commands.telemetry("pi", "d", "c", "--since", "1x"));
        assertTrue(commands.telemetry("pi", "d", "c", "--until", "1h").startsWith("unknown option --until"));
    }

    @Test
    void durationsAreRead() {
        assertEquals(Duration.ofSeconds(90), DurationText.parse("90s", "x"));
        assertEquals(Duration.ofDays(7), DurationText.parse("7d", "x"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("0h", "x"));
    }
}
