package io.outpost.request.outpost;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.outpost.api.link.Link;

/**
 * The local twins of {@code OUTPOST-LINKS-V1} and {@code OUTPOST-SYSTEM-V1}, Gogo commands in scope
 * {@code outpost}: {@code links}, {@code system}, {@code restart [seconds]}. They print the same views the
 * handlers send as JSON ({@link LinkDirectory}, {@link SystemView}) and restart through the same
 * {@link DelayedRestart}. The filter's and the outbox's twins are their own {@code outpost:filter} and
 * {@code outpost:outbox}; {@code outpost:call} (request dispatcher) runs any handler locally.
 */
@Component(service = OutpostCommands.class, property = {"osgi.command.scope=outpost", "osgi.command.function=links",
    "osgi.command.function=system", "osgi.command.function=restart"})
public final class OutpostCommands {

    private final LinkDirectory links = new LinkDirectory();
    private final SystemView system;
    private final DelayedRestart restart;

    @Activate
    public OutpostCommands(BundleContext context, @Reference DelayedRestart restart) {
        this.system = new SystemView(SystemView.home(context.getProperty("outpost.home")));
        this.restart = restart;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, unbind = "removeLink")
    void addLink(Link link, Map<String, Object> properties) {
        links.add(link, properties);
    }

    void removeLink(Link link) {
        links.remove(link);
    }

    /** Every link: state, deliveries awaiting confirmation, reconnects, and its descriptor. */
    public String links() {
        List<Map<String, Object>> all = links.views();
        if (all.isEmpty()) {
            return "no links\n";
        }
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> link : all) {
            out.append("link ").append(ViewText.of(link).replace("\n", "\n  ").stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** Uptime, memory, disk, JVM and OS, and a pending restart. */
    public String system() {
        return ViewText.of(system.now(restart.pending()));
    }

    /** Restarts the framework in 5 s. */
    public String restart() {
        return restart(SystemHandler.DEFAULT_DELAY_SECONDS);
    }

    /** Restarts the framework after the delay (1-3600 s). */
    public String restart(long seconds) {
        try {
            return "framework restart at " + restart.schedule(Duration.ofSeconds(seconds)) + "\n";
        } catch (IllegalArgumentException e) {
            return "no restart: " + e.getMessage() + "\n";
        }
    }
}
