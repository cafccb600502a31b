package io.outpost.api.router;

import org.osgi.annotation.versioning.ProviderType;

import io.outpost.api.link.WireSize;
import io.outpost.api.upstream.MessageClass;

/**
 * Decides which link carries which message. Registered as a service by the router bundle; another bundle may
 * replace it. Every method is cheap and never blocks: the outbox calls them from its delivery thread.
 */
@ProviderType
public interface Router {

    /** The routes now: an immutable snapshot, replaced whenever a link, its state or its budget changes. */
    RoutingTable table();

    /** Calls the listener (on any thread) whenever the table changes; returns a handle that stops it. */
    AutoCloseable onChange(Runnable listener);

    /** The link confirmed a delivery of {@code size}: accounted to that link's usage this billing month. */
    void delivered(String link, MessageClass messageClass, WireSize size);

    /** A delivery on the link failed (not a does-not-fit): the router may fail over to the next link. */
    void failed(String link, MessageClass messageClass, String why);

    /**
     * A router that always answers {@code table} and accounts nothing: for benches and tests that wire an outbox
     * by hand. It knows no costs, budgets or failover.
     */
    static Router fixed(RoutingTable table) {
        java.util.Objects.requireNonNull(table, "table");
        return new Router() {
            @Override
            public RoutingTable table() {
                return table;
            }

            @Override
            public AutoCloseable onChange(Runnable listener) {
                return () -> { };
            }

            @Override
            public void delivered(String link, MessageClass messageClass, WireSize size) {
                // a fixed route accounts nothing
            }

            @Override
            public void failed(String link, MessageClass messageClass, String why) {
                // and never fails over
            }
        };
    }
}
