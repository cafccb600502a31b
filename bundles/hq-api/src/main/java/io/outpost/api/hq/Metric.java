package io.outpost.api.hq;

import java.util.Objects;

/**
 * One named value of a payload. {@code value} is a {@link Double}, {@link Float}, {@link Long}, {@link Integer},
 * {@link Boolean}, {@link String} or {@code byte[]}.
 */
public record Metric(String name, Object value) {

    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The value as a number (booleans as 0/1), or null when it is text or bytes. */
    public Double number() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    /** The value as text: strings as they are, numbers and booleans in Java's notation, bytes as their length. */
    public String text() {
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        return String.valueOf(value);
    }
}
