package io.outpost.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives values a driver pushes on its own (an edge on a pin, an unsolicited report). */
@ConsumerType
@FunctionalInterface
public interface ChannelListener {

    void onChange(ChannelRecord record);
}
