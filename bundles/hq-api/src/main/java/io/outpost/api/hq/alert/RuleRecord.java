package io.outpost.api.hq.alert;

/**
 * A rule as HQ knows it: its name, where it comes from ({@code file:<path>} or {@code api}) and its JSON text
 * (docs/hq.md, "Alert rules").
 */
public record RuleRecord(String name, String source, String json) {
}
