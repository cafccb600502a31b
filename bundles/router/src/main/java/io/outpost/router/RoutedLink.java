package io.outpost.router;

import io.outpost.api.link.Link;
import io.outpost.api.link.LinkDescriptor;
import io.outpost.api.link.LinkStatus;

/** One bound link: its id, service, descriptor and health. The descriptor is replaced when its properties change. */
final class RoutedLink {

    final String id;
    final Link link;
    volatile LinkDescriptor descriptor;
    final LinkHealth health;
    AutoCloseable watch;

    RoutedLink(String id, Link link, LinkDescriptor descriptor, LinkHealth health) {
        this.id = id;
        this.link = link;
        this.descriptor = descriptor;
        this.health = health;
    }

    /** What the link says, or DOWN when it throws. */
    LinkStatus status() {
        try {
            LinkStatus s = link.status();
            return s == null ? new LinkStatus(io.outpost.api.link.LinkState.DOWN, 0, 0) : s;
        } catch (RuntimeException e) {
            return new LinkStatus(io.outpost.api.link.LinkState.DOWN, 0, 0);
        }
    }

    void unwatch() {
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (Exception ignored) {
            // the link is going away
        }
    }
}
