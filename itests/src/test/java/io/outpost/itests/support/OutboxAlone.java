package io.outpost.itests.support;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Keeps the threshold filter's bundle stopped while a test owns the outbox. The filter holds what devices left
 * running by earlier tests produce while no outbox is bound, and hands it to the next outbox that appears (so
 * nothing is lost on a gateway); a test that counts what its own outbox stores must not get those messages.
 */
public final class OutboxAlone implements AutoCloseable {

    private final Bundle filter;
    private final boolean wasActive;

    public OutboxAlone(BundleContext context) throws BundleException {
        filter = Bundles.find(context, "io.outpost.filter").orElse(null);
        wasActive = filter != null && filter.getState() == Bundle.ACTIVE;
        if (wasActive) {
            filter.stop(Bundle.STOP_TRANSIENT);
        }
    }

    @Override
    public void close() throws BundleException {
        if (wasActive) {
            filter.start(Bundle.START_TRANSIENT);
        }
    }
}
