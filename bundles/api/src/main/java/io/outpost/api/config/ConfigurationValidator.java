package io.outpost.api.config;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Says whether a configuration would be refused, before it is saved. Registered with the service property
 * {@link #PID} naming the PID (or, for factory configurations, the factory PID) it checks.
 */
@ConsumerType
public interface ConfigurationValidator {

    /** Service property: the PID or factory PID this validator checks. */
    String PID = "outpost.config.pid";

    /**
     * The reasons the configuration would be refused, each naming the configuration and the field as the
     * component's log message does; empty when it would be accepted. Never throws.
     *
     * @param name the configuration's PID, or a name for one not created yet
     * @param properties the properties as they would be saved
     */
    List<String> refusals(String name, Map<String, Object> properties);
}
