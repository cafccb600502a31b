/**
 * The threshold filter: decides, per channel, which readings are worth sending upstream (alarm transitions,
 * changes past a deadband, quality changes, heartbeats) and hands them to the
 * {@link io.outpost.api.upstream.Upstream} as classed messages. The rule and state classes are pure and
 * clock-driven; {@link io.outpost.filter.ThresholdFilter} is the OSGi component around them.
 */
package io.outpost.filter;
