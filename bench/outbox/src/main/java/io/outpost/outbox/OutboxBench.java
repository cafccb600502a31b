package io.outpost.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.outpost.api.data.Value;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.profile.EncodedMessage;
import io.outpost.api.profile.GatewayIdentity;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.link.mqtt.BenchLinks;

/**
 * Prints three figures (not a test): append rate with group commit, replay rate after an outage, and the
 * end-to-end rate through the outbox and the real Paho link to a local Mosquitto next to raw Paho QoS 1.
 * Usage: {@code java -cp ... io.outpost.outbox.OutboxBench [messages]}.
 */
public final class OutboxBench {

    private OutboxBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        System.out.printf(Locale.ROOT, "outbox bench: %d messages of %d bytes encoded, %d cores, java %s%n", n,
            MessageCodec.encode(telemetry(0)).length, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (int round = 0; round <= 3; round++) {
            System.out.printf(Locale.ROOT, round == 0 ? "-- round 0 (JIT warm-up, both sides)%n" : "-- round %d%n", round);
            appendRate(n);
            replayRate(n);
            endToEnd(n);
        }
    }

    static UpstreamMessage telemetry(int i) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        metrics.put("temperature", Value.of(20.0 + i % 10));
        metrics.put("pressure", Value.of(1013.25));
        metrics.put("valve", Value.of(i % 2 == 0));
        metrics.put("counter", Value.of((long) i));
        metrics.put("n", Value.of(i));
        return new UpstreamMessage(MessageClass.TELEMETRY, "data/boiler", 1_700_000_000_000L + i, metrics);
    }

    private static StoreSettings settings(Path dir, long fsyncMillis) {
        return new StoreSettings(dir, 1L << 32, 10_000_000, Duration.ofMillis(fsyncMillis), 4L << 20);
    }

    /** Appends n messages from one thread (acknowledged on append) and waits for the last commit's fsync. */
    static void appendRate(int n) throws Exception {
        Path dir = Files.createTempDirectory("outbox-bench");
        try (OutboxStore store = OutboxStore.open(settings(dir, 100), Clock.systemUTC())) {
            long start = System.nanoTime();
            CompletionStage<Acknowledgement> last = null;
            int refused = 0;
            for (int i = 0; i < n; i++) {
                OutboxStore.Appended a = store.append(telemetry(i));
                if (a.accepted()) {
                    last = a.durable();
                } else {
                    refused++;
                }
            }
            long appended = System.nanoTime();
            last.toCompletableFuture().get(30, TimeUnit.SECONDS);
            long durable = System.nanoTime();
            System.out.printf(Locale.ROOT, "append (group commit 100 ms): %,.0f msg/s appended, %,.0f msg/s until the last fsync, "
                + "%d refused (more than %d bytes waited for the disk)%n", rate(n, start, appended), rate(n, start, durable), refused,
                UnwrittenLimit.DEFAULT.telemetry());
        } finally {
            delete(dir);
        }
    }

    /** Fills the store with no link, then attaches an in-process link that confirms at once and times the drain. */
    static void replayRate(int n) throws Exception {
        Path dir = Files.createTempDirectory("outbox-bench");
        Outbox outbox = new Outbox(new OutboxSettings(settings(dir, 100), Duration.ofSeconds(30)), Clock.systemUTC(),
            io.outpost.api.router.Router.fixed(io.outpost.api.router.RoutingTable.everything("fast")));
        try {
            int stored = sendAll(outbox, n);
            long start = System.nanoTime();
            outbox.bindLink(new ConfirmingLink(), Map.of(Link.ID, "fast"));
            while (outbox.snapshot().delivered() < stored) {
                Thread.sleep(2);
            }
            System.out.printf(Locale.ROOT, "replay after an outage (in-process confirming link, window 100): %,.0f msg/s (%d messages)%n",
                rate(stored, start, System.nanoTime()), stored);
        } finally {
            outbox.deactivate();
            delete(dir);
        }
    }

    /** Outbox + real Paho link to a local Mosquitto, then raw Paho QoS 1 with the same window, same payloads. */
    static void endToEnd(int n) throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-p", Integer.toString(port)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String url = "tcp://127.0.0.1:" + port;
        Path dir = Files.createTempDirectory("outbox-bench");
        try {
            Thread.sleep(300);
            Outbox outbox = new Outbox(new OutboxSettings(settings(dir, 100), Duration.ofSeconds(30)), Clock.systemUTC(),
            io.outpost.api.router.Router.fixed(io.outpost.api.router.RoutingTable.everything("wired")));
            Link link = BenchLinks.wired(url, "bench-outbox", 100, new BenchProfile());
            while (link.state() != LinkState.UP) {
                Thread.sleep(10);
            }
            outbox.bindLink(link, Map.of(Link.ID, "wired"));
            long start = System.nanoTime();
            int stored = sendAll(outbox, n);
            while (outbox.snapshot().delivered() < stored) {
                Thread.sleep(2);
            }
            double ours = rate(stored, start, System.nanoTime());
            if (stored < n) {
                System.out.printf(Locale.ROOT, "  (%d of %d refused: more waited for the disk than the outbox holds in memory)%n", n - stored, n);
            }
            long failed = outbox.snapshot().links().get(0).failed();
            if (failed > 0) {
                System.out.printf(Locale.ROOT, "  (%d deliveries failed and were resent)%n", failed);
            }
            outbox.deactivate();
            BenchLinks.stop(link);

            double raw = rawPaho(url, n);
            System.out.printf(Locale.ROOT, "end to end to local Mosquitto, QoS 1, window 100: outbox + link %,.0f msg/s, raw Paho %,.0f msg/s (%.0f%%)%n",
                ours, raw, 100 * ours / raw);
        } finally {
            mosquitto.destroyForcibly().waitFor();
            delete(dir);
        }
    }

    /**
     * Sends n messages as one device thread would (no waiting), then waits for every acknowledgement; returns how
     * many became durable (telemetry is refused while more than the unwritten limit waits for the disk).
     */
    private static int sendAll(Outbox outbox, int n) throws Exception {
        List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            acks.add(outbox.send(telemetry(i)).toCompletableFuture());
        }
        int durable = 0;
        for (CompletableFuture<Acknowledgement> ack : acks) {
            if (ack.get(60, TimeUnit.SECONDS).isDurable()) {
                durable++;
            }
        }
        return durable;
    }

    private static double rawPaho(String url, int n) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-raw", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(100);
        client.connect(options).waitForCompletion();
        BenchProfile profile = new BenchProfile();
        GatewayIdentity gw = new GatewayIdentity("acct", "bench-raw");
        Semaphore window = new Semaphore(100);
        CountDownLatch all = new CountDownLatch(n);
        IMqttActionListener confirmed = new IMqttActionListener() {
            public void onSuccess(IMqttToken token) {
                window.release();
                all.countDown();
            }

            public void onFailure(IMqttToken token, Throwable failure) {
                window.release();
                all.countDown();
            }
        };
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            EncodedMessage m = profile.encode(gw, new OutboundMessage(i, telemetry(i)));
            window.acquire();
            client.publish(m.topic(), m.payload(), 1, false, null, confirmed);
        }
        all.await(60, TimeUnit.SECONDS);
        double rate = rate(n, start, System.nanoTime());
        client.disconnect().waitForCompletion();
        client.close();
        return rate;
    }

    private static double rate(int n, long startNanos, long endNanos) {
        return n / ((endNanos - startNanos) / 1e9);
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Confirms every delivery at once. */
    static final class ConfirmingLink implements Link {
        public LinkState state() {
            return LinkState.UP;
        }

        public int maxInFlight() {
            return 100;
        }

        public CompletionStage<Void> deliver(OutboundMessage message) {
            return CompletableFuture.completedFuture(null);
        }

        public AutoCloseable onStateChange(Runnable listener) {
            return () -> { };
        }
    }

    /** A small text encoding: id and metrics. */
    static final class BenchProfile implements CloudProfile {
        public EncodedMessage encode(GatewayIdentity gw, OutboundMessage m) {
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/" + m.message().topic(),
                (m.id() + "|" + m.message().metrics()).getBytes(StandardCharsets.UTF_8), 1, false);
        }

        public EncodedMessage birth(GatewayIdentity gw, Map<String, Value> connection) {
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/BIRTH", new byte[0], 1, false);
        }

        public EncodedMessage disconnect(GatewayIdentity gw) {
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/DC", new byte[0], 1, false);
        }

        public EncodedMessage lastWill(GatewayIdentity gw) {
            return new EncodedMessage(gw.account() + "/" + gw.clientId() + "/LWT", new byte[0], 1, false);
        }

        public String controlTopicFilter(GatewayIdentity gw) {
            return "ctl/#";
        }
    }
}
