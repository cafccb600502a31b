package io.outpost.outbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;
import io.outpost.api.link.OutboundMessage;

/**
 * The real {@link Outbox} as DS would make it with its default configuration (group commit every 100 ms,
 * acknowledged only once fsynced), its store in a directory of the bench's, and one in-process link that
 * confirms every delivery at once. In the outbox's package because its settings constructor is package-private.
 */
public final class PipelineOutbox {

    private PipelineOutbox() {
    }

    public static Outbox open(Path directory) throws IOException {
        StoreSettings store = new StoreSettings(directory, 64L * 1024 * 1024, 200_000, Duration.ofMillis(100), 4L * 1024 * 1024);
        Outbox outbox = new Outbox(new OutboxSettings(store, Duration.ofSeconds(30)), Clock.systemUTC(),
            io.outpost.api.router.Router.fixed(io.outpost.api.router.RoutingTable.everything("fast")));
        outbox.bindLink(new ConfirmingLink(), Map.of(Link.ID, "fast"));
        return outbox;
    }

    public static void close(Outbox outbox) {
        outbox.deactivate();
    }

    /** Confirms every delivery at once. */
    private static final class ConfirmingLink implements Link {
        @Override
        public LinkState state() {
            return LinkState.UP;
        }

        @Override
        public int maxInFlight() {
            return 100;
        }

        @Override
        public CompletionStage<Void> deliver(OutboundMessage message) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public AutoCloseable onStateChange(Runnable listener) {
            return () -> { };
        }
    }
}
