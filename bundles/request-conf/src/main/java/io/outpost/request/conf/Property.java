package io.outpost.request.conf;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One property as it travels (Kura's {@code esf:property}): its name, type, whether it is an array, and its values as
 * text. Immutable.
 */
record Property(String name, PropertyType type, boolean array, List<String> values) {

    /** What a password looks like in every reply and listing; sent back in an update it keeps the stored password. */
    static final String PASSWORD_PLACEHOLDER = "********";

    Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = List.copyOf(values);
    }

    /** A stored ConfigurationAdmin value (scalar, array or collection) as a property of the given type. */
    static Property ofStored(String name, PropertyType type, Object value) {
        List<String> texts = new ArrayList<>();
        boolean array = false;
        if (value.getClass().isArray()) {
            array = true;
            for (int i = 0; i < Array.getLength(value); i++) {
                texts.add(String.valueOf(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> c) {
            array = true;
            c.forEach(v -> texts.add(String.valueOf(v)));
        } else {
            texts.add(String.valueOf(value));
        }
        return new Property(name, type, array, texts);
    }

    /** The same property with every password value replaced by {@link #PASSWORD_PLACEHOLDER}. */
    Property hidden() {
        if (type != PropertyType.PASSWORD) {
            return this;
        }
        return new Property(name, type, array, values.stream().map(v -> PASSWORD_PLACEHOLDER).toList());
    }

    /** Whether every value is the placeholder (an update that keeps the stored password). */
    boolean keepsStoredPassword() {
        return !values.isEmpty() && values.stream().allMatch(PASSWORD_PLACEHOLDER::equals);
    }
}
