package io.outpost.ota;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * Watches the framework while one job changes bundles and names the bundles <em>outside</em> the package that were
 * stopped meanwhile (a refresh restarts the bundles wired to a replaced revision; a package that updates an API
 * therefore restarts its users). Synchronous, so no stop is missed however quickly the job ends. Reported upstream
 * as {@code dp.install.restarted}; on the happy path it is empty.
 */
final class RestartWatch implements SynchronousBundleListener, AutoCloseable {

    private final long jobId;
    private final BundleContext context;
    private final Set<String> touched;
    private final Set<String> stopped = new TreeSet<>();  // guarded by this

    private RestartWatch(long jobId, BundleContext context, Set<String> touched) {
        this.jobId = jobId;
        this.context = context;
        this.touched = Set.copyOf(touched);
    }

    /** Starts watching; {@code touched}: the symbolic names of the package's bundles. */
    static RestartWatch start(long jobId, BundleContext context, Set<String> touched) {
        RestartWatch watch = new RestartWatch(jobId, context, touched);
        context.addBundleListener(watch);
        return watch;
    }

    long jobId() {
        return jobId;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        String name = event.getBundle().getSymbolicName();
        if (event.getType() == BundleEvent.STOPPED && name != null && !touched.contains(name)) {
            synchronized (this) {
                stopped.add(name);
            }
        }
    }

    /** The bundles outside the package stopped since the watch started, sorted by symbolic name. */
    synchronized List<String> restarted() {
        return List.copyOf(stopped);
    }

    @Override
    public void close() {
        try {
            context.removeBundleListener(this);
        } catch (IllegalStateException e) {
            // this bundle is stopping (it updates itself): its listeners go with it
        }
    }
}
