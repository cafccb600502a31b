package io.outpost.router;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Outpost router", description = "Which link carries which message: priorities, costs, budgets, failover and failback")
@interface RouterConfig {

    @AttributeDefinition(min = "0", max = "86400", description = "Failback hold-down in seconds: a link that failed or went down is "
        + "preferred again only after it has stayed up this long (no flapping); it is still used meanwhile when nothing better works")
    int holdDownSeconds() default 300;

    @AttributeDefinition(min = "1", max = "100", description = "Failed deliveries in a row after which a link that says it is up counts as "
        + "failing: the router fails over and leaves it out for holdDownSeconds")
    int failuresBeforeFailover() default 2;

    @AttributeDefinition(min = "1", max = "28", description = "Day of the month on which a billing month starts (usage is reset at 00:00 local time)")
    int billingDay() default 1;

    @AttributeDefinition(required = false, description = "File that keeps each link's usage this billing month across restarts. A relative "
        + "path is resolved against the gateway home (outpost.home); empty means data/router/usage.properties")
    String usageFile() default "";

    @AttributeDefinition(min = "1", max = "100000", description = "Message size in bytes the router prices telemetry at when it ranks links by cost")
    int typicalMessageBytes() default 200;

    @AttributeDefinition(min = "0", max = "86400", description = "Seconds between usage reports upstream (app topic mgmt/links, class TELEMETRY); 0 sends none")
    int usageReportSeconds() default 3600;
}
