package io.outpost.api.hq.alert;

import java.util.Optional;

/**
 * Input refused by {@link AlertService}: the message says what is wrong and names the field, and {@link #field()}
 * is that field's path ({@code condition.for}, {@code notify[0].to}, {@code until}), empty when the input as a
 * whole is wrong (not JSON, not an object). Since 1.1.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
