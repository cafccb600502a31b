package io.outpost.router;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.outpost.api.data.Value;
import io.outpost.api.router.LinkOverview;
import io.outpost.api.router.LinkUsage;
import io.outpost.api.upstream.MessageClass;
import io.outpost.api.upstream.Upstream;
import io.outpost.api.upstream.UpstreamMessage;

/**
 * Publishes every link's usage upstream every {@code usageReportSeconds} on app topic {@link #TOPIC}, class
 * TELEMETRY (so it goes only over cheap links within budget, never on an expensive one). A separate component from
 * the router: the router is needed by the outbox, and this needs the outbox. Metrics per link {@code <id>.<name>}:
 * see {@code docs/protocol.md}, "Link usage".
 */
@Component(configurationPid = "io.outpost.router", configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true, service = {})
public final class UsageReporter {

    static final String TOPIC = "mgmt/links";
    private static final Logger LOG = LoggerFactory.getLogger(UsageReporter.class);

    private final LinkOverview overview;
    private final Upstream upstream;
    private final ScheduledExecutorService timer;

    @Activate
    public UsageReporter(RouterConfig config, @Reference LinkOverview overview, @Reference Upstream upstream) {
        this.overview = overview;
        this.upstream = upstream;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outpost-router-usage");
            t.setDaemon(true);
            return t;
        });
        int seconds = Math.max(0, Math.min(86_400, config.usageReportSeconds()));
        if (seconds > 0) {
            timer.scheduleWithFixedDelay(this::report, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void close() {
        timer.shutdownNow();
    }

    private void report() {
        try {
            upstream.send(message(overview.links(), System.currentTimeMillis()));
        } catch (RuntimeException e) {
            LOG.warn("router: the usage report failed: {}", e.toString());
        }
    }

    static UpstreamMessage message(java.util.List<LinkUsage> links, long now) {
        Map<String, Value> metrics = new LinkedHashMap<>();
        for (LinkUsage l : links) {
            String p = l.link() + ".";
            metrics.put(p + "kind", Value.of(l.kind()));
            metrics.put(p + "state", Value.of(l.state().name()));
            metrics.put(p + "signal", Value.of(l.signal()));
            metrics.put(p + "bytes", Value.of(l.bytes()));
            metrics.put(p + "messages", Value.of(l.messages()));
            metrics.put(p + "cost", Value.of(l.cost()));
            metrics.put(p + "budgetLeft", Value.of(l.budgetLeft()));
            metrics.put(p + "failures", Value.of(l.failures()));
            for (MessageClass c : MessageClass.values()) {
                metrics.put(p + c.name().toLowerCase(java.util.Locale.ROOT), Value.of(l.byClass().get(c)));
            }
        }
        metrics.put("periodStart", Value.of(links.isEmpty() ? 0L : links.get(0).periodStart().toEpochMilli()));
        return new UpstreamMessage(MessageClass.TELEMETRY, TOPIC, now, metrics);
    }
}
