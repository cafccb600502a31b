package io.outpost.api.filter;

import java.util.List;
import java.util.Objects;

/**
 * What became of one rule configuration (factory pid {@code io.outpost.filter.rule}).
 *
 * @param name        the configuration's pid
 * @param refused     true when the configuration was refused and no earlier valid form of it is in force: the
 *                    channels it names fall back to the filter's default action
 * @param reason      why it was refused, naming the field (also set when a wrong update was refused and the rule
 *                    keeps its previous settings); empty when nothing was refused
 * @param unknownKeys configuration keys the rule does not know and ignored (e.g. a misspelt {@code hysteresys});
 *                    OSGi and FileInstall keys are not listed
 * @since 1.1
 */
public record RuleStatus(String name, boolean refused, String reason, List<String> unknownKeys) {

    public RuleStatus {
        Objects.requireNonNull(name, "name");
        reason = reason == null ? "" : reason;
        unknownKeys = List.copyOf(unknownKeys == null ? List.of() : unknownKeys);
    }
}
