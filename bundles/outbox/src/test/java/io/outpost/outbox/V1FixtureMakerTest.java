package io.outpost.outbox;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.outpost.api.data.Value;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;

/** Throwaway: writes the format-1 fixture with the code as of 98b7e44. */
class V1FixtureMakerTest {

    @Test
    void make() throws Exception {
        Path dir = Path.of("/tmp/identity-gen/v1");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
        try (OutboxStore store = OutboxStore.open(new StoreSettings(dir, 1L << 20, 1000, Duration.ofMillis(5), 1 << 20), clock)) {
            int n = 0;
            for (MessageClass c : MessageClass.values()) {
                Map<String, Value> metrics = new LinkedHashMap<>();
                metrics.put("bool", Value.of(n % 2 == 0));
                metrics.put("i32", Value.of(-7 - n));
                metrics.put("i64", Value.of(1L << 40 | n));
                metrics.put("f32", Value.of(1.5f + n));
                metrics.put("f64", Value.of(-21.25 - n));
                metrics.put("str", Value.of("grüße " + c));
                metrics.put("raw", Value.of(new byte[] {0, (byte) 0xff, (byte) n}));
                UpstreamMessage m = new UpstreamMessage(c, "data/v1-" + c.name().toLowerCase(), 1_600_000_000_000L + n, metrics,
                    new byte[] {(byte) n, 42});
                store.append(m).durable().toCompletableFuture().get(5, TimeUnit.SECONDS);
                n++;
            }
            // one more telemetry, then acknowledge it and the event: the ack file names ids 4 and 6
            store.append(new UpstreamMessage(MessageClass.TELEMETRY, "data/v1-acked", 1_600_000_000_100L, Map.of("x", Value.of(1))))
                .durable().toCompletableFuture().get(5, TimeUnit.SECONDS);
            List<OutboundMessage> all = store.take(100);
            for (OutboundMessage o : all) {
                if (o.message().messageClass() == MessageClass.EVENT || o.message().topic().equals("data/v1-acked")) {
                    store.acknowledge(o.id());
                } else {
                    store.release(o.id());
                }
            }
        }
        // reopened once with nothing appended: format 1 leaves an empty segment named 7 behind
        OutboxStore.open(new StoreSettings(dir, 1L << 20, 1000, Duration.ofMillis(5), 1 << 20), clock).close();
    }
}
