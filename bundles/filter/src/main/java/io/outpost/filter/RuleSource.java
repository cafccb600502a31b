package io.outpost.filter;

/** A configured rule, as a service the filter collects (one per factory configuration). Internal to this bundle. */
interface RuleSource {

    /** The rule, or null when its configuration was refused and there was no earlier valid one. */
    ThresholdRule rule();
}
