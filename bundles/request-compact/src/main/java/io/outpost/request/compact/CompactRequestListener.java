package io.outpost.request.compact;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.request.RequestDispatcher;
import io.outpost.codec.compact.CommandListener;

/**
 * The dispatcher's entry point for SMS and SBD: each authenticated command (the links have checked key, sequence
 * and replay) is parsed as a {@link CompactRequest} and dispatched with {@code via} = the link id, on one thread
 * of this component with a bounded queue (the links call listeners on their own thread, which must not wait for a
 * handler). Text that is no request, a full queue and a missing dispatcher are dropped and counted: there is no
 * trustworthy request id to answer. The reply goes upstream through the outbox, as every reply does.
 */
@Component(configurationPid = "io.outpost.request.compact", configurationPolicy = ConfigurationPolicy.OPTIONAL,
    property = {"osgi.command.scope=outpost", "osgi.command.function=compactRequests"})
@Designate(ocd = CompactRequestConfig.class)
public final class CompactRequestListener implements CommandListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompactRequestListener.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RequestDispatcher dispatcher;

    private final String requester;
    private final ThreadPoolExecutor worker;
    private final AtomicLong dispatched = new AtomicLong();
    private final AtomicLong notARequest = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    @Activate
    public CompactRequestListener(CompactRequestConfig config) {
        String r = config.requester().strip();
        if (r.isEmpty() || r.contains("/") || r.contains("+") || r.contains("#") || r.contains(" ")) {
            throw new IllegalArgumentException("requests over SMS and SBD: 'requester' '" + r + "' is not one MQTT topic level");
        }
        if (config.queue() < 1 || config.queue() > 1024) {
            throw new IllegalArgumentException("requests over SMS and SBD: 'queue' " + config.queue() + " is out of range 1-1024");
        }
        this.requester = r;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(config.queue()), job -> {
            Thread t = new Thread(job, "outpost-compact-requests");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** For tests: a dispatcher bound from the start. */
    CompactRequestListener(CompactRequestConfig config, RequestDispatcher dispatcher) {
        this(config);
        this.dispatcher = dispatcher;
    }

    @Override
    public void command(String link, long sequence, String text) {
        Optional<CompactRequest> request = CompactRequest.parse(text);
        if (request.isEmpty()) {
            notARequest.incrementAndGet();
            LOG.warn("link '{}': command {} is not '<request-id> <APP-ID>/<VERB>/<resource> [body]': dropped", link, sequence);
            return;
        }
        try {
            worker.execute(() -> dispatch(link, request.get()));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            LOG.warn("link '{}': request queue full, command {} dropped", link, sequence);
        }
    }

    private void dispatch(String link, CompactRequest request) {
        RequestDispatcher d = dispatcher;
        if (d == null) {
            dropped.incrementAndGet();
            LOG.warn("link '{}': no request dispatcher, request '{}' dropped", link, request.requestId());
            return;
        }
        d.dispatch(request.toControlMessage(requester), link);
        dispatched.incrementAndGet();
    }

    /** Gogo {@code outpost:compactRequests}: what became of the commands. */
    public String compactRequests() {
        return "requests over SMS/SBD as '" + requester + "': " + dispatched.get() + " dispatched, " + notARequest.get() + " not a request, "
            + dropped.get() + " dropped (queue full or no dispatcher), " + worker.getQueue().size() + " waiting\n";
    }

    long dispatched() {
        return dispatched.get();
    }

    @Deactivate
    void close() {
        worker.shutdown();
    }
}
