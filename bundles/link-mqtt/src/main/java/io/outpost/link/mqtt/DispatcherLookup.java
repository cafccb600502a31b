package io.outpost.link.mqtt;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import io.outpost.api.profile.ControlMessage;
import io.outpost.api.request.RequestDispatcher;

/**
 * The request dispatcher, tracked rather than injected: the dispatcher needs the outbox, which needs the link, and
 * a DS reference from the link to the dispatcher would close that circle (SCR then fails to get services while one
 * of them is being activated). The tracker is opened at the first request, when the link is active, and saves a
 * service registry lookup per request.
 */
final class DispatcherLookup implements AutoCloseable {

    private final BundleContext context;
    private volatile ServiceTracker<RequestDispatcher, RequestDispatcher> tracker;   // set and cleared under this
    private boolean closed;

    /** @param context the link's bundle context, or null (tests): then nothing is dispatched */
    DispatcherLookup(BundleContext context) {
        this.context = context;
    }

    /** Hands the request to the dispatcher; false when there is none (or it is closed). */
    boolean dispatch(ControlMessage message) {
        if (context == null) {
            return false;
        }
        ServiceTracker<RequestDispatcher, RequestDispatcher> t = tracker;
        if (t == null) {
            synchronized (this) {
                if (closed) {
                    return false;
                }
                if (tracker == null) {
                    tracker = new ServiceTracker<>(context, RequestDispatcher.class, null);
                    tracker.open();
                }
                t = tracker;
            }
        }
        RequestDispatcher dispatcher = t.getService();
        if (dispatcher == null) {
            return false;
        }
        dispatcher.dispatch(message);
        return true;
    }

    @Override
    public void close() {
        ServiceTracker<RequestDispatcher, RequestDispatcher> t;
        synchronized (this) {
            closed = true;
            t = tracker;
            tracker = null;
        }
        if (t != null) {
            t.close();
        }
    }
}
