package io.outpost.itests.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.LinkState;
import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.profile.CloudProfile;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.OutboxAlone;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;
import io.outpost.itests.support.FreePort;
import io.outpost.itests.support.Mosquitto;
import io.outpost.itests.support.TextProfile;
import io.outpost.itests.support.WiredLink;

/**
 * Issue 15 §2: a backlog far larger than the store's in-memory window is replayed from the segment files while the
 * outbox component is restarted again and again at random points (configuration updates, and now and then a
 * stop and start of its bundle). Every message must arrive at the broker; a read cut short by a restart must
 * never cost a message.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class OutboxReplayRestartIT {

    private OutboxAlone alone;

    private static final int BACKLOG = 100_000;
    private static final int RESTARTS = 50;
    private static final String TOPIC = "acct/gwr/data/replay";
    private static final TextProfile PROFILE = new TextProfile("text-outbox-replay",
        m -> m.id() + "|" + m.message().metrics().get("n").asObject());

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private ServiceRegistration<CloudProfile> profile;
    private Configurations configurations;
    private Path storeDir;

    @BeforeEach
    void setUp() throws Exception {
        alone = new OutboxAlone(context);
        profile = PROFILE.register(context);
        configurations = new Configurations(admin);
        storeDir = Files.createTempDirectory("outbox-replay-it");
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
        profile.unregister();
        Await.until(Duration.ofSeconds(10), "the outbox to stop", () -> context.getServiceReference(Upstream.class) == null);
        try (var files = Files.walk(storeDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        alone.close();
    }

    private static Hashtable<String, Object> outboxProperties(Path dir, int generation) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("directory", dir.toString());
        p.put("fsyncIntervalMillis", 20L);
        p.put("links", new String[] {"wired"});
        p.put("generation", generation);   // any change of the configuration makes SCR restart the component
        return p;
    }

    /** The registered outbox's service id, or -1 while none is registered. */
    private long outboxServiceId() {
        ServiceReference<Upstream> ref = context.getServiceReference(Upstream.class);
        return ref == null ? -1 : (Long) ref.getProperty("service.id");
    }

    private long awaitNewOutbox(long previous) {
        Await.until(Duration.ofSeconds(20), "the outbox to come back", () -> outboxServiceId() != -1 && outboxServiceId() != previous);
        return outboxServiceId();
    }

    @Test
    @Timeout(240)
    void aBacklogReplayedFromDiskWhileTheOutboxRestartsFiftyTimesArrivesWhole() throws Exception {
        try (Mosquitto broker = Mosquitto.start(FreePort.pick(), "max_queued_messages 0");
            ArrivalRecorder hq = new ArrivalRecorder(broker.url(), TOPIC, BACKLOG)) {
            Configuration outbox = configurations.single("io.outpost.outbox", outboxProperties(storeDir, 0));
            long serviceId = awaitNewOutbox(-1);

            // the backlog, stored while there is no link at all
            Upstream upstream = context.getService(context.getServiceReference(Upstream.class));
            List<CompletableFuture<Acknowledgement>> acks = new ArrayList<>(BACKLOG);
            for (int n = 0; n < BACKLOG; n++) {
                acks.add(upstream.send(new UpstreamMessage(MessageClass.TELEMETRY, "data/replay", n, Map.of("n", Value.of(n))))
                    .toCompletableFuture());
                if (n % 5_000 == 4_999) {
                    // a producer that waits for its acknowledgements: far faster than any device, and never past the
                    // outbox's bound on bytes accepted but not yet written (which would refuse telemetry)
                    CompletableFuture.allOf(acks.subList(n - 4_999, n + 1).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertTrue(acks.stream().allMatch(a -> a.join().isDurable()), "the whole backlog was stored durably");
            long stored = statistics().snapshot().bytesStored();
            assertTrue(stored > 3 * 2 * 1024 * 1024, "the backlog (" + stored + " bytes) is far larger than the 2 MB kept in memory");

            // restarted once before the replay: every record is read back from the segment files
            int generation = 1;
            outbox.update(outboxProperties(storeDir, generation++));
            serviceId = awaitNewOutbox(serviceId);
            configurations.single("io.outpost.link.mqtt", Map.of("brokerUrl", broker.url(), "account", "acct", "clientId", "gwr",
                "profile.target", PROFILE.target(), "reconnectMinMillis", 200L, "reconnectMaxMillis", 200L,
                // a wide window: after each start the delivery thread reads a thousand records from the files at once,
                // so restarts land in the middle of those reads
                "maxInFlight", 1000));
            new WiredLink(context).await(LinkState.UP, Duration.ofSeconds(15), "the wired link");

            long seed = System.nanoTime();
            Random random = new Random(seed);
            Bundle outboxBundle = Bundles.find(context, "io.outpost.outbox").orElseThrow();
            int restarts = 0;
            while (restarts < RESTARTS) {
                // a random point: after a random number of new arrivals or a random time, whichever comes first; at most
                // 1,200 new arrivals per round (more arrive while the outbox restarts), so all fifty restarts fall inside
                // the replay of 100,000
                int target = hq.distinct() + 200 + random.nextInt(1_000);
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(300));
                while (hq.distinct() < target && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
                assertTrue(hq.distinct() < BACKLOG, "the replay ended after only " + restarts + " restarts");
                if (restarts % 10 == 9) {
                    outboxBundle.stop();
                    outboxBundle.start();
                } else {
                    outbox = admin.getConfiguration("io.outpost.outbox", "?");
                    outbox.update(outboxProperties(storeDir, generation++));
                }
                restarts++;
                serviceId = awaitNewOutbox(serviceId);
            }
            System.out.printf("outbox replay IT (seed %d): %d restarts, %d of %d arrived by the last one%n", seed, restarts,
                hq.distinct(), BACKLOG);

            // until all arrived, or nothing new for 20 s (a lost message never comes)
            long lastProgress = System.nanoTime();
            for (int seen = hq.distinct(); seen < BACKLOG && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(20); ) {
                Thread.sleep(100);
                if (hq.distinct() != seen) {
                    seen = hq.distinct();
                    lastProgress = System.nanoTime();
                }
            }
            assertEquals(BACKLOG, hq.distinct(), () -> "messages lost, e.g. n = " + hq.missing(BACKLOG));
            assertNull(hq.conflict(), "a message keeps its id across resends");
            Await.until(Duration.ofSeconds(20), "the store to empty", () -> statistics().snapshot().totalDepth() == 0);
            System.out.printf("outbox replay IT: %d arrivals for %d messages (resends after restarts)%n", hq.messages(), BACKLOG);
        }
    }

    private OutboxStatistics statistics() {
        return context.getService(context.getServiceReference(OutboxStatistics.class));
    }
}
