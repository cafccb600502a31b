package io.outpost.outbox;

import io.outpost.api.router.RoutingTable;
import io.outpost.api.upstream.MessageClass;

/**
 * What one link may take from the store now: the messages the routing table routes to it, each skipping the links
 * that refused it. {@link #ANY} takes everything (tests, the store's own checks).
 */
record LinkSelection(String link, RoutingTable table) {

    static final LinkSelection ANY = new LinkSelection(null, null);

    /** Whether any message of the class may go to this link (a whole class is skipped otherwise). */
    boolean wants(MessageClass c) {
        return table == null || table.carries(link, c);
    }

    /** Whether this entry goes to this link: its first route not refusing it is this link. Under the store's lock. */
    boolean takes(StoredEntry e) {
        return table == null || table.route(e.messageClass, e.refusedBy).map(link::equals).orElse(false);
    }
}
