package io.outpost.outbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the link a message goes out on: the first link that is up, in the configured order of preference
 * (links not named come after, by name). The seam where the router (costs, budgets, several links at once)
 * will plug in.
 */
final class LinkChooser {

    private final List<String> preference;

    LinkChooser(List<String> preference) {
        this.preference = List.copyOf(preference);
    }

    /** All links, most preferred first. */
    List<LinkSlot> ordered(Collection<LinkSlot> links) {
        List<LinkSlot> out = new ArrayList<>(links);
        out.sort(Comparator.comparingInt((LinkSlot s) -> rank(s.name)).thenComparing(s -> s.name));
        return out;
    }

    /** The link to send on now, if any is up. */
    Optional<LinkSlot> choose(Collection<LinkSlot> links) {
        return ordered(links).stream().filter(LinkSlot::isUp).findFirst();
    }

    private int rank(String name) {
        int i = preference.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
