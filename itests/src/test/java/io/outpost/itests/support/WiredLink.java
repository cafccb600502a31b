package io.outpost.itests.support;

import java.time.Duration;

import org.osgi.framework.BundleContext;

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
        Await.until(timeout, what, () -> state() == state);
        return find();
    }

    /** Waits until the link service is unregistered (after its configuration was deleted). */
    public void awaitGone() {
        Await.until(Duration.ofSeconds(10), "the link to go away", () -> find() == null);
    }
}
