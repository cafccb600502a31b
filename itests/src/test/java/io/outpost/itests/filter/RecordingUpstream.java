package io.outpost.itests.filter;

import java.util.Hashtable;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * An {@link Upstream} that records what it is sent, registered with a very high ranking so the filter (whose
 * reference is greedy) binds it rather than any other upstream, and unregistered by {@link #close}.
 */
final class RecordingUpstream implements Upstream, AutoCloseable {

    static final int RANKING = 1_000_000;

    private final List<UpstreamMessage> sent = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<Upstream> registration;

    RecordingUpstream(BundleContext context) {
        this(context, RANKING);
    }

    RecordingUpstream(BundleContext context, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_RANKING, ranking);
        properties.put("outpost.test", "filter-it");
        registration = context.registerService(Upstream.class, this, properties);
    }

    @Override
    public CompletionStage<Acknowledgement> send(UpstreamMessage message) {
        sent.add(message);
        return CompletableFuture.completedFuture(Acknowledgement.durable());
    }

    /** Everything sent so far, described. */
    List<String> all() {
        return sent.stream().map(RecordingUpstream::describe).toList();
    }

    /** Messages about one device (data/<device> and alarms/<device>), as short text: class, topic, sorted metrics. */
    List<String> about(String device) {
        return sent.stream().filter(m -> m.topic().endsWith("/" + device)).map(RecordingUpstream::describe).toList();
    }

    static String describe(UpstreamMessage m) {
        if (m.messageClass() == MessageClass.ALARM) {
            return "ALARM " + m.topic() + " " + m.metrics().get("channel") + " " + m.metrics().get("state") + " "
                + m.metrics().get("limit") + " " + m.metrics().get("threshold") + " at " + m.metrics().get("value");
        }
        StringBuilder s = new StringBuilder(m.messageClass().name()).append(' ').append(m.topic());
        new TreeMap<>(m.metrics()).forEach((k, v) -> s.append(' ').append(k).append('=').append(v));
        return s.toString();
    }

    @Override
    public void close() {
        registration.unregister();
    }
}
