package io.outpost.filter;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** One filter rule (factory pid {@code io.outpost.filter.rule}); {@link ThresholdRule#parse} validates it. */
@ObjectClassDefinition(name = "Outpost filter rule", description = "Limits, deadband, heartbeat and minimum interval "
    + "for the channels whose device and channel names match the patterns (* and ? wildcards); the most specific rule wins")
@interface RuleConfig {

    @AttributeDefinition(description = "Device name pattern, e.g. sim1, plc-*")
    String device() default "*";

    @AttributeDefinition(description = "Channel name pattern, e.g. temperature, temp*")
    String channel() default "*";

    @AttributeDefinition(required = false, description = "Low limit (empty: none); a value below it raises a low alarm")
    String low() default "";

    @AttributeDefinition(required = false, description = "High limit (empty: none); a value above it raises a high alarm")
    String high() default "";

    @AttributeDefinition(min = "0", description = "How far back inside the range a value must come to clear an alarm")
    double hysteresis() default 0;

    @AttributeDefinition(min = "0", description = "A value is reported when it moved more than this since the last reported value")
    double deadband() default 0;

    @AttributeDefinition(description = "The deadband is a percentage of the last reported value")
    boolean deadbandPercent() default false;

    @AttributeDefinition(min = "0", description = "Report at least every so many seconds, even without change (0: never)")
    long heartbeatSeconds() default 0;

    @AttributeDefinition(min = "0", description = "Report at most every so many seconds; alarm transitions are never delayed (0: no limit)")
    long minIntervalSeconds() default 0;

    @AttributeDefinition(description = "Boolean channels: which value is an alarm", options = {
        @Option(label = "none", value = "none"), @Option(label = "when true", value = "true"), @Option(label = "when false", value = "false")})
    String alarmWhen() default "none";
}
