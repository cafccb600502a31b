package io.outpost.router;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
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

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkCost;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkKind;
import io.outpost.api.link.LinkStatus;
import io.outpost.api.link.WireSize;
import io.outpost.api.router.LinkOverview;
import io.outpost.api.router.LinkUsage;
import io.outpost.api.router.Router;
import io.outpost.api.router.RoutingTable;
import io.outpost.api.upstream.MessageClass;

/**
 * The router component: binds every {@link Link} (whiteboard), watches their states, health and budgets, and
 * publishes the {@link RoutingTable} of {@link RouteRules}; accounts every confirmed delivery in the
 * {@link UsageBook}. Its own thread looks again every second (hold-downs ending, time windows, a new billing month)
 * and writes the usage file when it changed (at most every {@link #FLUSH_MILLIS}).
 * <p>
 * A link without descriptor properties is taken as a flat-rate wired link that carries every class, priority
 * {@link #UNDESCRIBED_PRIORITY}. A link whose descriptor properties are wrong is left out, logged naming the
 * property; the other links are routed as before.
 */
@Component(configurationPid = "io.outpost.router", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
    service = {Router.class, LinkOverview.class})
@Designate(ocd = RouterConfig.class)
public final class CostRouter implements Router, LinkOverview {

    private static final Logger LOG = LoggerFactory.getLogger(CostRouter.class);
    static final int UNDESCRIBED_PRIORITY = 500;
    static final long TICK_MILLIS = 1000;
    static final long FLUSH_MILLIS = 10_000;
    static final LinkDescriptor UNDESCRIBED = new LinkDescriptor(LinkKind.WIRED, LinkCost.FREE, 0, EnumSet.allOf(MessageClass.class),
        UNDESCRIBED_PRIORITY);

    private final RouterSettings settings;
    private final Clock clock;
    private final ZoneId zone;
    private final UsageFile usageFile;
    private final UsageBook book;
    private final Map<Link, RoutedLink> links = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService worker;
    private volatile RoutingTable table = RoutingTable.NONE;
    private long lastFlush;

    @Activate
    public CostRouter(RouterConfig config, BundleContext context) {
        this(RouterSettings.parse(config, home(context)), Clock.systemDefaultZone(), true);
    }

    private static Path home(BundleContext context) {
        String home = context.getProperty("outpost.home");
        return Path.of(home == null || home.isBlank() ? "" : home.trim()).toAbsolutePath();
    }

    /** @param ticking whether its own thread looks again every second (tests drive {@link #reevaluate} themselves) */
    CostRouter(RouterSettings settings, Clock clock, boolean ticking) {
        this.settings = settings;
        this.clock = clock;
        this.zone = clock.getZone();
        this.usageFile = new UsageFile(settings.usageFile());
        this.book = usageFile.load(period());
        this.lastFlush = clock.millis();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outpost-router");
            t.setDaemon(true);
            return t;
        });
        if (ticking) {
            worker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        LOG.info("router: hold-down {} s, billing month from day {}, usage in {}", settings.holdDown().toSeconds(), settings.billingDay(),
            usageFile);
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        links.values().forEach(RoutedLink::unwatch);
        flush(true);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindLink(Link link, Map<String, Object> properties) {
        Object name = properties.get(Link.ID);
        String id = name == null ? "unnamed-" + properties.get("service.id") : name.toString();
        LinkDescriptor descriptor = describe(id, properties);
        if (descriptor == null) {
            return;
        }
        RoutedLink r = new RoutedLink(id, link, descriptor, new LinkHealth(settings.holdDown().toMillis(), settings.failuresBeforeFailover()));
        links.put(link, r);
        try {
            r.watch = link.onStateChange(this::reevaluateSoon);
        } catch (RuntimeException e) {
            LOG.warn("link '{}' does not report state changes ({}); the router looks every second", id, e.toString());
        }
        LOG.info("router: link '{}' ({}, priority {}, classes {})", id, descriptor.kind().code(), descriptor.priority(), descriptor.allowedClasses());
        reevaluate();
    }

    void updatedLink(Link link, Map<String, Object> properties) {
        RoutedLink r = links.get(link);
        if (r == null) {
            bindLink(link, properties);
            return;
        }
        LinkDescriptor d = describe(r.id, properties);
        if (d == null) {
            unbindLink(link);
            return;
        }
        r.descriptor = d;
        reevaluate();
    }

    void unbindLink(Link link) {
        RoutedLink r = links.remove(link);
        if (r != null) {
            r.unwatch();
            reevaluate();
        }
    }

    /** The link's descriptor, {@link #UNDESCRIBED} without one, null (logged) when its properties are wrong. */
    private static LinkDescriptor describe(String id, Map<String, ?> properties) {
        if (!properties.containsKey(LinkDescriptor.KIND)) {
            return UNDESCRIBED;
        }
        try {
            return LinkDescriptor.fromProperties(properties);
        } catch (IllegalArgumentException e) {
            LOG.warn("router: link '{}' is left out, its descriptor is refused: {}", id, e.getMessage());
            return null;
        }
    }

    @Override
    public RoutingTable table() {
        return table;
    }

    @Override
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void delivered(String link, MessageClass messageClass, WireSize size) {
        RoutedLink r = byId(link);
        LinkDescriptor d = r == null ? UNDESCRIBED : r.descriptor;
        double before = book.cost(link);
        book.delivered(link, messageClass, size, d.cost());
        boolean crossed = !d.cost().flatRate() && before < d.monthlyBudget() && book.cost(link) >= d.monthlyBudget();
        if (r != null) {
            synchronized (this) {
                r.health.delivered();
            }
        }
        if (crossed) {
            LOG.warn("router: link '{}' reached its monthly budget {} ({} spent): only alarms go over it until the billing month ends",
                link, d.monthlyBudget(), book.cost(link));
            reevaluate();   // now, before the outbox takes the next message for this link
        }
    }

    @Override
    public void failed(String link, MessageClass messageClass, String why) {
        book.failed(link);
        RoutedLink r = byId(link);
        if (r == null) {
            return;
        }
        boolean failover;
        synchronized (this) {
            failover = r.health.failed(clock.millis());
        }
        if (failover) {
            LOG.warn("router: link '{}' says it is up but its deliveries fail ({}); failing over for {} s", link, why,
                settings.holdDown().toSeconds());
            reevaluateSoon();
        }
    }

    private RoutedLink byId(String id) {
        for (RoutedLink r : links.values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }

    private void reevaluateSoon() {
        try {
            worker.execute(this::reevaluate);
        } catch (RejectedExecutionException stopping) {
            // the router is stopping
        }
    }

    private void tick() {
        try {
            reevaluate();
            flush(false);
        } catch (RuntimeException e) {
            LOG.warn("router: {}", e.toString());
        }
    }

    /** Looks at every link again and publishes a new table when it differs. */
    void reevaluate() {
        RoutingTable next;
        synchronized (this) {
            if (book.roll(period())) {
                LOG.info("router: a new billing month from {}; usage starts from zero", book.period());
            }
            next = RouteRules.table(views(), settings.typicalMessageBytes());
            if (next.equals(table)) {
                return;
            }
            table = next;
        }
        LOG.info("router: routes now {}", next.routes());
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("router: a table listener failed: {}", e.toString());
            }
        }
    }

    /** Every link as the rules see it now. Under the lock. */
    private List<LinkView> views() {
        long now = clock.millis();
        java.time.LocalTime local = LocalDateTime.ofInstant(clock.instant(), zone).toLocalTime();
        List<LinkView> views = new ArrayList<>();
        for (RoutedLink r : links.values()) {
            LinkStatus s = r.status();
            r.health.observe(s.state(), now);
            LinkDescriptor d = r.descriptor;
            boolean within = d.cost().flatRate() || book.cost(r.id) < d.monthlyBudget();
            views.add(new LinkView(r.id, d, r.health.healthy(), r.health.tier(now), d.open(local), within, s.state().carries()));
        }
        return views;
    }

    private LocalDate period() {
        return BillingPeriod.start(LocalDateTime.ofInstant(clock.instant(), zone), settings.billingDay());
    }

    /** Writes the usage file when it changed, at most every {@link #FLUSH_MILLIS} unless {@code now}. */
    void flush(boolean now) {
        long t = clock.millis();
        if (!now && t - lastFlush < FLUSH_MILLIS) {
            return;
        }
        lastFlush = t;
        Map<String, LinkUsageCount> changes = book.changes();
        if (changes != null && !usageFile.save(book.period(), changes)) {
            book.markDirty();   // tried again at the next flush
        }
    }

    @Override
    public List<LinkUsage> links() {
        List<LinkView> ordered;
        synchronized (this) {
            ordered = RouteRules.alarmOrder(views());
        }
        java.time.Instant start = book.period().atStartOfDay(zone).toInstant();
        List<LinkUsage> out = new ArrayList<>();
        for (LinkView v : ordered) {
            RoutedLink r = byId(v.id());
            LinkStatus s = r == null ? new LinkStatus(io.outpost.api.link.LinkState.DOWN, 0, 0) : r.status();
            LinkUsageCount u = book.of(v.id());
            LinkDescriptor d = v.descriptor();
            out.add(new LinkUsage(v.id(), d.kind().code(), s.state(), s.signal(), v.healthy(), u.bytes, u.messages, u.cost,
                d.cost().monthlyFee(), d.monthlyBudget(), u.byClass(), u.failures, start));
        }
        return out;
    }
}
