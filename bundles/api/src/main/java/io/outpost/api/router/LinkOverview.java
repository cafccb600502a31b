package io.outpost.api.router;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** For operators (the {@code outpost:links} command, the web console): every link the router knows, as it is now. */
@ProviderType
public interface LinkOverview {

    /** Every link, in the order the router prefers them for alarms. */
    List<LinkUsage> links();
}
