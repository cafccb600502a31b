package io.outpost.bench.hqfleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.outpost.testing.postgres.PostgresCluster;
import io.outpost.testing.smtp.SmtpSink;

/**
 * The fleet bench of issue 14: {@code bench.gateways} simulated gateways ({@link SimulatedFleet}) against one HQ
 * process ({@link BenchHq}), once on H2 (embedded, file mode) and once on PostgreSQL (its own cluster), with HQ's
 * embedded broker, or with {@code bench.broker=mosquitto} a real Mosquitto and HQ's shared-subscription consumers.
 * Prints gateways connected, offered and stored messages/s over the measured window, alarm published → mail
 * accepted by the SMTP server (aiosmtpd) p50/p99, and HQ's RSS. Asserts nothing about speed.
 * System properties: bench.gateways (200), bench.rate (messages/s per gateway, 5), bench.seconds (12),
 * bench.databases (h2,postgresql), bench.broker (embedded|mosquitto), bench.consumers (4, with mosquitto).
 */
public final class FleetBench {

    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        int gateways = Integer.getInteger("bench.gateways", 200);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "5"));
        int seconds = Integer.getInteger("bench.seconds", 12);
        String broker = System.getProperty("bench.broker", "embedded");
        int consumers = Integer.getInteger("bench.consumers", 4);
        Path work = Path.of(System.getProperty("bench.work", "target/fleet"));
        Files.createDirectories(work);
        List<String> lines = new ArrayList<>();
        for (String db : System.getProperty("bench.databases", "h2,postgresql").split(",")) {
            lines.add(run(db.trim(), broker, consumers, gateways, rate, seconds, work));
        }
        System.out.println();
        System.out.printf("HQ fleet bench: %d gateways x %.0f msg/s offered, %d s measured, broker %s%n", gateways, rate, seconds,
                broker.equals("mosquitto") ? "Mosquitto (" + consumers + " shared-subscription consumers)" : "embedded (Moquette)");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static String run(String db, String broker, int consumers, int gateways, double rate, int seconds, Path work) throws Exception {
        Path dir = work.resolve(db);
        BenchHq.delete(dir);
        Files.createDirectories(dir);
        try (SmtpSink smtp = new SmtpSink(dir.resolve("smtp"));
                PostgresCluster pg = db.equals("postgresql") ? new PostgresCluster() : null;
                Mosquitto mosquitto = broker.equals("mosquitto") ? new Mosquitto(dir.resolve("mosquitto")) : null) {
            String url = pg != null ? pg.url() : "jdbc:h2:" + dir.resolve("hq/data/hq/hq").toAbsolutePath();
            try (BenchHq hq = new BenchHq(dir.resolve("hq"), url, mosquitto == null ? null : mosquitto.uri(), consumers, smtp.port())) {
                hq.awaitReady(Duration.ofSeconds(90));
                String brokerUri = mosquitto == null ? "tcp://127.0.0.1:" + hq.mqttPort : mosquitto.uri();
                long t0 = System.nanoTime();
                try (SimulatedFleet fleet = new SimulatedFleet(brokerUri, gateways, rate)) {
                    double connectSeconds = (System.nanoTime() - t0) / 1e9;
                    fleet.start(200, 1000);
                    Thread.sleep(3000); // warm-up: births, the JIT, the first batches
                    long stored0 = hq.stored();
                    long published0 = fleet.published.get();
                    long start = System.nanoTime();
                    long maxRss = 0;
                    int minConnected = gateways;
                    for (int s = 0; s < seconds; s++) {
                        Thread.sleep(1000);
                        maxRss = Math.max(maxRss, hq.rssMegabytes());
                        minConnected = Math.min(minConnected, fleet.connected());
                        if (Boolean.getBoolean("bench.verbose")) {
                            System.out.printf("  %s t+%ds: published %d, stored %d, RSS %d MB%n", db, s + 1, fleet.published.get(), hq.stored(), hq.rssMegabytes());
                        }
                    }
                    long stored1 = hq.stored();
                    long published1 = fleet.published.get();
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    int connectedAtEnd = fleet.connected();
                    fleet.close();
                    // let HQ finish the backlog, then see how the alarms' mails came out
                    long drainStart = System.nanoTime();
                    long last = -1;
                    while (System.nanoTime() - drainStart < 30e9) {
                        long now = hq.stored();
                        if (now == last) {
                            break;
                        }
                        last = now;
                        Thread.sleep(1000);
                    }
                    Thread.sleep(3000);
                    List<Long> latencies = new ArrayList<>();
                    Map<String, Long> accepted = smtp.acceptedBySubject();
                    int missing = 0;
                    for (Map.Entry<String, Long> a : fleet.alarmsPublished.entrySet()) {
                        Long at = accepted.get("[firing] " + a.getKey());
                        if (at == null) {
                            missing++;
                        } else {
                            latencies.add(at - a.getValue());
                        }
                    }
                    Collections.sort(latencies);
                    String alarms = latencies.isEmpty() ? "no alarm mail" : String.format("alarm->mail p50 %d ms, p99 %d ms, max %d ms (%d alarms%s)",
                            latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                            latencies.get(latencies.size() - 1), latencies.size(), missing == 0 ? "" : ", " + missing + " without mail");
                    String line = String.format("%-10s connected %d/%d (in %.1f s, at least %d during the run, %d outages), offered %.0f msg/s"
                            + " (%d refused by a full in-flight window), stored %.0f msg/s sustained; %s; HQ RSS max %d MB; counters %s",
                            db, connectedAtEnd, gateways, connectSeconds, minConnected, fleet.outages.get(), (published1 - published0) / elapsed,
                            fleet.refused.get(), (stored1 - stored0) / elapsed, alarms, maxRss, hq.counters());
                    System.out.println(line);
                    return line;
                }
            }
        }
    }
}
