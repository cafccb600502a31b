package io.outpost.request.conf;

import java.util.List;
import java.util.Objects;

/** What one request asks to change in one pid: the given properties replace those of the same name. Immutable. */
record ConfigurationUpdate(String pid, List<Property> properties) {

    ConfigurationUpdate {
        Objects.requireNonNull(pid, "pid");
        properties = List.copyOf(properties);
    }
}
