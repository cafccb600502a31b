package io.outpost.filter;

import java.util.Objects;

/**
 * An active alarm: the limit that was crossed and its threshold at the time (kept, so that a clear names the
 * same threshold even after the rule changed).
 */
public record Alarm(Limit limit, double threshold) {

    public Alarm {
        Objects.requireNonNull(limit, "limit");
    }
}
