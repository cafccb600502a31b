package io.outpost.itests.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

import io.outpost.api.data.Reading;
import io.outpost.api.data.ReadingListener;
import io.outpost.api.data.Value;
import io.outpost.api.filter.FilterStatistics;
import io.outpost.api.upstream.Upstream;
import io.outpost.itests.support.Await;

/**
 * Issue 15, section 9: the filter binds its upstream dynamically. A better-ranked upstream takes over and the
 * old one comes back, without the filter component restarting (its ReadingListener registration stays the same);
 * while no upstream is registered at all (the outbox bundle stopped), readings are held and arrive when one is.
 */
@ExtendWith({BundleContextExtension.class, ServiceExtension.class})
class UpstreamRebindIT {

    private static final String FILTER_COMPONENT = "(component.name=io.outpost.filter.ThresholdFilter)";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @InjectBundleContext
    BundleContext context;

    private ServiceReference<ReadingListener> filterReference() {
        try {
            var refs = context.getServiceReferences(ReadingListener.class, FILTER_COMPONENT);
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void feed(String device, double value) {
        ReadingListener filter = context.getService(filterReference());
        filter.onReadings(List.of(Reading.good(device, "x", Value.of(value), "", System.currentTimeMillis())));
    }

    private long filterServiceId() {
        ServiceReference<ReadingListener> ref = filterReference();
        return ref == null ? -1 : (Long) ref.getProperty("service.id");
    }

    @Test
    void aBetterUpstreamTakesOverAndTheOldOneComesBackWithoutTheFilterRestarting() throws Exception {
        Await.until(WAIT, "the filter", () -> filterReference() != null);
        long serviceId = filterServiceId();
        try (RecordingUpstream low = new RecordingUpstream(context, RecordingUpstream.RANKING)) {
            Await.until(WAIT, "the filter bound to the low recorder", () -> {
                feed("rebind-probe", 1);
                return !low.about("rebind-probe").isEmpty();
            });
            try (RecordingUpstream high = new RecordingUpstream(context, RecordingUpstream.RANKING + 1)) {
                Await.until(WAIT, "the filter rebound greedily to the high recorder", () -> {
                    feed("rebind-high", 1);
                    return !high.about("rebind-high").isEmpty();
                });
            }
            feed("rebind-back", 2);
            Await.until(WAIT, "the filter back on the low recorder", () -> !low.about("rebind-back").isEmpty());
        }
        assertEquals(serviceId, filterServiceId(), "the filter component stayed registered throughout");
    }

    @Test
    void readingsWhileNoUpstreamIsRegisteredAreHeldAndArriveWhenOneIs() throws Exception {
        Await.until(WAIT, "the filter", () -> filterReference() != null);
        long serviceId = filterServiceId();
        List<Bundle> stopped = new ArrayList<>();
        try {
            for (ServiceReference<Upstream> ref : context.getServiceReferences(Upstream.class, null)) {
                Bundle owner = ref.getBundle();
                if (owner != null && owner != context.getBundle() && !stopped.contains(owner)) {
                    owner.stop(Bundle.STOP_TRANSIENT);
                    stopped.add(owner);
                }
            }
            assertTrue(context.getServiceReferences(Upstream.class, null).isEmpty(), "no upstream left");
            for (int i = 0; i < 3; i++) {
                feed("held-it", i);
            }
            FilterStatistics statistics = context.getService(context.getServiceReference(FilterStatistics.class));
            assertTrue(statistics.totals().held() >= 3, "held: " + statistics.totals());
            try (RecordingUpstream upstream = new RecordingUpstream(context)) {
                Await.until(WAIT, "the held readings", () -> upstream.about("held-it").size() >= 3);
                assertEquals(List.of("TELEMETRY data/held-it x=0.0", "TELEMETRY data/held-it x=1.0", "TELEMETRY data/held-it x=2.0"),
                    upstream.about("held-it").subList(0, 3), "in order, none lost");
            }
            assertEquals(serviceId, filterServiceId(), "the filter component stayed registered throughout");
        } finally {
            for (Bundle bundle : stopped) {
                bundle.start(Bundle.START_TRANSIENT);
            }
        }
    }
}
