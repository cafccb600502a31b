package io.outpost.itests.support;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkState;

/** The wired MQTT link service as the link and profile tests see it: found by its id, waited for by state. */
public final class WiredLink {

    private final BundleContext context;

    public WiredLink(BundleContext context) {
        this.context = context;
    }

    /** The link service with id {@code wired}, or null while there is none. */
    public Link find() {
        return Services.find(context, Link.class, "(" + Link.ID + "=wired)");
    }

    /** The link's state, or null while there is no link service. */
    public LinkState state() {
        Link link = find();
        return link == null ? null : link.state();
    }

    /** Waits until the link service is registered and in that state, and returns it. */
    public Link await(LinkState state, Duration timeout, String what) {
        try {
            Await.until(timeout, what, () -> state() == state);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (" + diagnosis() + ")", e);
        }
        return find();
    }

    /** What the link and its DS component are doing: for the message of a wait that timed out. */
    private String diagnosis() {
        Link link = find();
        StringBuilder out = new StringBuilder(link == null ? "no link service 'wired'" : "link 'wired' is " + link.state());
        ServiceComponentRuntime scr = Services.find(context, ServiceComponentRuntime.class, null);
        if (scr != null) {
            for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
                if (d.name.startsWith("io.outpost.link.mqtt.")) {
                    for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(d)) {
                        out.append("; component ").append(d.name).append(" state ").append(c.state);
                        for (var r : c.unsatisfiedReferences) {
                            out.append(", unsatisfied ").append(r.name).append(' ').append(r.target);
                        }
                        if (c.failure != null) {
                            out.append(", failure ").append(c.failure.lines().findFirst().orElse(""));
                        }
                    }
                }
            }
        }
        return out.toString();
    }

    /** Waits until the link service is unregistered (after its configuration was deleted). */
    public void awaitGone() {
        Await.until(Duration.ofSeconds(10), "the link to go away", () -> find() == null);
    }
}
