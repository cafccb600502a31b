package io.outpost.filter;

import java.util.regex.Pattern;

/**
 * A device or channel name pattern: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one, everything else itself (case-sensitive). Brackets and braces are reserved and refused, so that a later
 * version can give them a meaning without changing what existing patterns match.
 */
public final class GlobPattern {

    private final String text;
    private final Pattern regex;
    private final int literals;

    private GlobPattern(String text, Pattern regex, int literals) {
        this.text = text;
        this.regex = regex;
        this.literals = literals;
    }

    /** Parses a pattern, or throws with a message saying what is wrong with it. */
    public static GlobPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty pattern matches nothing; use * for any");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int literals = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == ']' || c == '{' || c == '}' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("'" + text + "' has a reserved or blank character at position " + (i + 1)
                    + " (only * and ? are wildcards)");
            }
            if (c == '*' || c == '?') {
                flush(regex, literal);
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
                literals++;
            }
        }
        flush(regex, literal);
        return new GlobPattern(text, Pattern.compile(regex.toString(), Pattern.DOTALL), literals);
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    public boolean matches(String name) {
        return regex.matcher(name).matches();
    }

    /** How many characters must match literally: the more, the more specific. */
    public int literals() {
        return literals;
    }

    public boolean isWildcard() {
        return literals != text.length();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobPattern g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
