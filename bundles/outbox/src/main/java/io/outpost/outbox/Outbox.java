package io.outpost.outbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.link.Link;
import io.outpost.api.outbox.OutboxSnapshot;
import io.outpost.api.outbox.OutboxStatistics;
import io.outpost.api.router.Router;
import io.outpost.api.upstream.Acknowledgement;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * The {@link Upstream} every message for HQ goes through: stored durably first, sent on every link the
 * {@link Router} routes it to, removed when a link confirms. Links are bound as a whiteboard ({@code outpost.link});
 * the router is a replaceable service the outbox needs.
 * <p>
 * The component registers its services itself, once it is built: a refused configuration then leaves no
 * {@link Upstream} behind (a DS-registered service of a component whose activation failed stays registered with a
 * factory that returns null).
 */
@Component(configurationPid = "io.outpost.outbox", configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
    service = {})
@Designate(ocd = OutboxConfig.class)
public final class Outbox implements Upstream, OutboxStatistics {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private final Clock clock;
    private final OutboxSettings settings;
    private final OutboxStore store;
    private final DeliveryLoop delivery;
    private volatile Router router;
    private volatile AutoCloseable routerWatch;
    private volatile ServiceRegistration<?> registration;
    private final Map<Link, LinkSlot> links = new ConcurrentHashMap<>();
    private final RefusedAlarmLog refusedAlarms;

    @Activate
    public Outbox(OutboxConfig config, BundleContext context) throws IOException {
        this(OutboxSettings.parse(config, home(context)), Clock.systemUTC(), null);
        StoreLocation.warnAboutAnOldStore(context.getDataFile("outbox"), settings.store().directory());
        registration = context.registerService(new String[] {Upstream.class.getName(), OutboxStatistics.class.getName()}, this, null);
    }

    /** The gateway home: the framework (or system) property {@code outpost.home}, else the working directory. */
    private static java.nio.file.Path home(BundleContext context) {
        String home = context.getProperty(OutboxSettings.HOME_PROPERTY);
        return java.nio.file.Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath();
    }

    /** An outbox wired by hand (tests, benches), routed by {@code router}; null waits for one to be bound. */
    Outbox(OutboxSettings settings, Clock clock, Router router) throws IOException {
        this.clock = clock;
        this.router = router;
        this.settings = settings;
        this.refusedAlarms = new RefusedAlarmLog(clock);
        this.store = StoreLocation.open(settings.store(), clock);
        this.delivery = new DeliveryLoop(store, () -> this.router, this::slots, settings.deliveryTimeout());
        store.onCommit(delivery::wake);
        delivery.start();
        OutboxStore.Figures f = store.figures();
        LOG.info("outbox at {} (epoch {}): {} messages kept from before", settings.store().directory(),
            store.epoch(), f.depth().values().stream().mapToLong(Long::longValue).sum());
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindRouter(Router r) {
        AutoCloseable previous = routerWatch;
        this.router = r;
        AutoCloseable watch = null;
        try {
            watch = r.onChange(this::wakeDelivery);
        } catch (RuntimeException e) {
            LOG.warn("router does not report changes: {}", e.toString());
        }
        routerWatch = watch;
        close(previous);
        wakeDelivery();
    }

    void unbindRouter(Router r) {
        if (this.router == r) {
            this.router = null;
            AutoCloseable watch = routerWatch;
            routerWatch = null;
            close(watch);
        }
    }

    private static void close(AutoCloseable watch) {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception ignored) {
                // the router is going away
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindLink(Link link, Map<String, Object> properties) {
        Object name = properties.get(Link.ID);
        LinkSlot slot = new LinkSlot(name == null ? "unnamed-" + properties.get("service.id") : name.toString(), link);
        links.put(link, slot);
        try {
            slot.watch(link.onStateChange(() -> {
                slot.resume();
                wakeDelivery();
            }));
        } catch (RuntimeException e) {
            LOG.warn("link {} does not report state changes: {}", slot.name, e.toString());
        }
        wakeDelivery();
    }

    void unbindLink(Link link) {
        LinkSlot slot = links.remove(link);
        if (slot != null) {
            slot.unwatch();
        }
    }

    private void wakeDelivery() {
        // called by SCR possibly before the constructor finished wiring the loop
        if (delivery != null) {
            delivery.wake();
        }
    }

    Collection<LinkSlot> slots() {
        return links.values();
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<?> registered = registration;
        registration = null;
        if (registered != null) {
            try {
                registered.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework took it down
            }
        }
        close(routerWatch);
        delivery.close();
        links.values().forEach(LinkSlot::unwatch);
        store.close();
    }

    /**
     * Never waits for the disk or a link: the message joins the next group commit (shared by everything sent
     * in the same interval) and the stage completes, never exceptionally, when that commit is forced (DURABLE),
     * when the message is dropped as the oldest telemetry before that (DROPPED), or at once when it is refused
     * (REFUSED, with the reason). Refused alarms are logged at WARN, at most once per 10 s.
     */
    @Override
    public CompletionStage<Acknowledgement> send(UpstreamMessage message) {
        OutboxStore.Appended appended;
        try {
            appended = store.append(message);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            LOG.warn("outbox refused an unencodable message on {}: {}", message.topic(), e.toString());
            return refusedAlarm(message, CompletableFuture.completedFuture(Acknowledgement.refused("unencodable: " + e.getMessage())));
        }
        if (message.messageClass() == MessageClass.REPLY && appended.accepted()) {
            wakeDelivery();   // replies need not wait for the commit (WaitingLine.takeNext)
        }
                CompletionStage<Acknowledgement> ack = appended.durable().handle((done, failure) -> failure == null ? done
            : Acknowledgement.refused("not stored: " + failure));
        return message.messageClass() == MessageClass.ALARM ? refusedAlarm(message, ack) : ack;
    }

    private CompletionStage<Acknowledgement> refusedAlarm(UpstreamMessage message, CompletionStage<Acknowledgement> ack) {
        if (message.messageClass() == MessageClass.ALARM) {
            ack.thenAccept(a -> {
                if (a.outcome() == Acknowledgement.Outcome.REFUSED) {
                    refusedAlarms.refused(message.topic(), a.reason());
                }
            });
        }
        return ack;
    }

    @Override
    public OutboxSnapshot snapshot() {
        OutboxStore.Figures f = store.figures();
        Duration oldest = f.oldestAppendedAt() == Long.MAX_VALUE ? Duration.ZERO
            : Duration.ofMillis(Math.max(0, clock.millis() - f.oldestAppendedAt()));
        List<io.outpost.api.outbox.LinkReport> reports = links.values().stream().sorted(java.util.Comparator.comparing(l -> l.name))
            .map(LinkSlot::report).toList();
        Map<String, String> degraded = f.diskProblem() == null ? Map.of() : Map.of(OutboxSnapshot.DISK, f.diskProblem());
        return new OutboxSnapshot(f.depth(), oldest, f.bytes(), f.dropped(), f.refused(), f.delivered(), f.inFlight(), reports,
            f.unwrittenBytes(), degraded);
    }

    /** For tests and the bench: the store's own figures. */
    OutboxStore store() {
        return store;
    }

}
