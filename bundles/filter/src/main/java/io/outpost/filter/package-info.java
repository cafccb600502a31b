/**
 * The threshold filter: decides, per channel, which readings are worth sending upstream (alarm transitions,
 * changes past a deadband, quality changes, heartbeats) and hands them to the
 * {@link io.outpost.api.upstream.Upstream} as classed messages. The rule and state classes are pure and
 * clock-driven; {@link io.outpost.filter.ThresholdFilter} is the OSGi component around them.
 * <p>
 * Words used here, one per idea: a <em>rule</em> is a {@link io.outpost.filter.ThresholdRule} (parsed, immutable);
 * {@code RuleConfig} is its metatype and {@link io.outpost.filter.RuleConfiguration} the component that holds one
 * factory configuration's rule and status. <em>Refused</em> means a configuration the filter did not take. What
 * the upstream did not take is <em>not durable</em> (its acknowledgement was REFUSED or DROPPED). A
 * <em>transition</em> is an alarm raised or cleared; it is <em>durable</em> once the upstream acknowledged its
 * message so, and only then is it in the alarm file. Messages are <em>held</em> while no upstream is bound; a
 * device gone for longer than the grace period is <em>pruned</em>.
 */
package io.outpost.filter;
