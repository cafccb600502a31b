package io.outpost.filter;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The filter as a whole (pid {@code io.outpost.filter}); the rules are factory configurations of their own. */
@ObjectClassDefinition(name = "Outpost threshold filter", description = "What happens to channels without a rule, "
    + "and where active alarms are kept across restarts. Rules: factory configurations of io.outpost.filter.rule")
@interface FilterConfig {

    @AttributeDefinition(description = "Readings of a channel no rule applies to: pass-all sends every one as "
        + "TELEMETRY, drop-all sends none", options = {
            @Option(label = "pass all", value = "pass-all"), @Option(label = "drop all", value = "drop-all")})
    String defaultAction() default "pass-all";

    @AttributeDefinition(required = false, description = "File keeping the active alarms across restarts; "
        + "empty: alarms.txt in the filter bundle's data area")
    String stateFile() default "";
}
