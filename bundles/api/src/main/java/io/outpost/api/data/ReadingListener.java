package io.outpost.api.data;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service: receives every reading the sampler produces, one batch per device poll (or per
 * pushed change). Called from sampler threads; must be quick and must not throw.
 */
@ConsumerType
public interface ReadingListener {

    void onReadings(List<Reading> batch);
}
