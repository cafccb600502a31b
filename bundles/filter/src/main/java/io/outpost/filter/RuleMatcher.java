package io.outpost.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of rules that finds the one for a channel. When several rules match, the most specific
 * wins: the one whose device and channel patterns have the most literal (non-wildcard) characters together;
 * on a tie, the one with more literal characters in the channel pattern; then the rule name, alphabetically,
 * so the choice never depends on the order configurations arrived in.
 */
public final class RuleMatcher {

    static final Comparator<ThresholdRule> MOST_SPECIFIC_FIRST = Comparator
        .comparingInt((ThresholdRule r) -> -(r.device().literals() + r.channel().literals()))
        .thenComparingInt(r -> -r.channel().literals())
        .thenComparing(ThresholdRule::name);

    private final List<ThresholdRule> rules;
    private final long generation;

    private RuleMatcher(List<ThresholdRule> rules, long generation) {
        this.rules = rules;
        this.generation = generation;
    }

    public static RuleMatcher empty() {
        return new RuleMatcher(List.of(), 0);
    }

    /** A matcher for the given rules, one generation after this one. */
    public RuleMatcher with(Collection<ThresholdRule> newRules) {
        List<ThresholdRule> sorted = new ArrayList<>(newRules);
        sorted.sort(MOST_SPECIFIC_FIRST);
        return new RuleMatcher(List.copyOf(sorted), generation + 1);
    }

    /** The most specific rule for the channel, or null when none applies. */
    public ThresholdRule ruleFor(String device, String channel) {
        for (ThresholdRule rule : rules) {
            if (rule.appliesTo(device, channel)) {
                return rule;
            }
        }
        return null;
    }

    /** Increases with every change of the rule set; channel states re-resolve their rule when it moves. */
    public long generation() {
        return generation;
    }

    public List<ThresholdRule> rules() {
        return rules;
    }
}
