package io.outpost.filter;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The filter as a whole (pid {@code io.outpost.filter}); the rules are factory configurations of their own. */
@ObjectClassDefinition(name = "Outpost threshold filter", description = "What happens to channels without a rule, "
    + "where active alarms are kept across restarts, what is held while no upstream is bound, when a removed device "
    + "is forgotten. Rules: factory configurations of io.outpost.filter.rule")
@interface FilterConfig {

    @AttributeDefinition(description = "Readings of a channel no rule applies to: pass-all sends every one as "
        + "TELEMETRY, drop-all sends none", options = {
            @Option(label = "pass all", value = "pass-all"), @Option(label = "drop all", value = "drop-all")})
    String defaultAction() default "pass-all";

    @AttributeDefinition(required = false, description = "File keeping the active alarms across restarts; "
        + "empty: alarms.txt in the filter bundle's data area")
    String stateFile() default "";

    @AttributeDefinition(min = "0", description = "EVENT and TELEMETRY messages held while no upstream is bound "
        + "(e.g. while the outbox restarts); beyond it the oldest telemetry is dropped and counted")
    int holdMessages() default ReadingFilter.DEFAULT_HOLD_MESSAGES;

    @AttributeDefinition(min = "1", description = "Seconds a removed device may stay away before the filter forgets "
        + "its channels and clears its alarms (a changed device configuration comes back well within it)")
    long pruneAfterSeconds() default ReadingFilter.DEFAULT_PRUNE_AFTER_MILLIS / 1000;
}
