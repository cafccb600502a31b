package io.outpost.itests.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Value;
import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;
import io.outpost.itests.support.OutboxAlone;
import io.outpost.itests.support.Await;
import io.outpost.itests.support.Bundles;
import io.outpost.itests.support.Configurations;

/**
 * The store lives outside the framework cache: a relative {@code directory} is in the gateway home, and uninstalling
 * and reinstalling the outbox bundle (which deletes its data area) keeps the waiting messages, their ids and the epoch.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class StoreIdentityIT {

    private OutboxAlone alone;

    private static final String LINK = "identity-it";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ConfigurationAdmin admin;

    private Configurations configurations;
    private String relative;
    private Path storeDir;

    @BeforeEach
    void setUp() throws Exception {
        alone = new OutboxAlone(context);
        configurations = new Configurations(admin);
        relative = "target/store-identity-it-" + System.nanoTime();
        String home = context.getProperty("outpost.home");
        storeDir = Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath().resolve(relative);
    }

    @AfterEach
    void cleanUp() throws Exception {
        configurations.close();
        Await.until(Duration.ofSeconds(10), "the outbox to stop", () -> context.getServiceReference(Upstream.class) == null);
        if (Files.exists(storeDir)) {
            try (var files = Files.walk(storeDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        alone.close();
    }

    private Upstream upstream() {
        var ref = context.getServiceReference(Upstream.class);
        return ref == null ? null : context.getService(ref);
    }

    private static byte[] bytesAt(String location) throws IOException {
        String plain = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try (InputStream in = plain.contains(":/") ? URI.create(plain).toURL().openStream() : Files.newInputStream(Path.of(plain))) {
            return in.readAllBytes();
        }
    }

    private static void sendDurably(Upstream upstream, int n) throws Exception {
        Acknowledgement ack = upstream.send(new UpstreamMessage(MessageClass.EVENT, "data/identity", 1_700_000_000_000L + n,
            Map.of("n", Value.of(n)))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(ack.isDurable(), "message " + n + ": " + ack);
    }

    @Test
    void aRelativeDirectoryIsInTheGatewayHomeAndTheStoreSurvivesReinstallingTheBundle() throws Exception {
        configurations.single("io.outpost.outbox", Map.of("directory", relative, "fsyncIntervalMillis", 20L, "links", new String[] {LINK}));
        Await.until(Duration.ofSeconds(10), "the outbox", () -> upstream() != null);
        for (int n = 1; n <= 3; n++) {
            sendDurably(upstream(), n);
        }
        assertTrue(Files.isRegularFile(storeDir.resolve("epoch")), "the store is at " + storeDir);
        long epoch = Long.parseLong(Files.readString(storeDir.resolve("epoch"), StandardCharsets.US_ASCII).trim());

        Bundle outbox = Bundles.find(context, "io.outpost.outbox").orElseThrow();
        // installed through the framework's own context: the test's context would uninstall it again after the test
        BundleContext framework = context.getBundle(0).getBundleContext();
        String location = outbox.getLocation();
        byte[] bytes = bytesAt(location);
        boolean reinstalled = false;
        try {
            outbox.uninstall();   // deletes the bundle's data area, where the store used to be
            Await.until(Duration.ofSeconds(10), "the outbox to go", () -> upstream() == null);
            framework.installBundle(location, new ByteArrayInputStream(bytes)).start();
            reinstalled = true;
        } finally {
            if (!reinstalled && Bundles.find(context, "io.outpost.outbox").isEmpty()) {
                framework.installBundle(location, new ByteArrayInputStream(bytes)).start();
            }
        }
        Await.until(Duration.ofSeconds(10), "the reinstalled outbox", () -> upstream() != null);
        sendDurably(upstream(), 4);

        List<OutboundMessage> delivered = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Link.ID, LINK);
        ServiceRegistration<Link> link = context.registerService(Link.class, new RecordingLink(delivered), properties);
        try {
            Await.until(Duration.ofSeconds(10), "four deliveries", () -> delivered.size() >= 4);
            assertEquals(List.of(1L, 2L, 3L, 4L), delivered.stream().map(OutboundMessage::id).toList(), "kept, and dense");
            assertEquals(List.of(1, 2, 3, 4), delivered.stream().map(m -> m.message().metrics().get("n").asObject()).toList());
            assertTrue(delivered.stream().allMatch(m -> m.epoch() == epoch), "one epoch, the store's: " + epoch + " " + delivered);
        } finally {
            link.unregister();
        }
    }

    /** A link that is always up and confirms every delivery at once. */
    private record RecordingLink(List<OutboundMessage> delivered) implements Link {

        @Override
        public LinkState state() {
            return LinkState.UP;
        }

        @Override
        public int maxInFlight() {
            return 10;
        }

        @Override
        public CompletionStage<Void> deliver(OutboundMessage message) {
            delivered.add(message);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public AutoCloseable onStateChange(Runnable listener) {
            return () -> { };
        }
    }
}
