package io.outpost.request.conf;

import java.lang.reflect.Array;
import java.util.Locale;
import java.util.Optional;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * The property types of Kura's {@code esf:property type=...} and of metatype, with their Java classes in
 * ConfigurationAdmin. {@link #PASSWORD} is stored as a String and never shown in clear.
 */
enum PropertyType {
    STRING("String", AttributeDefinition.STRING, String.class),
    LONG("Long", AttributeDefinition.LONG, Long.class),
    DOUBLE("Double", AttributeDefinition.DOUBLE, Double.class),
    FLOAT("Float", AttributeDefinition.FLOAT, Float.class),
    INTEGER("Integer", AttributeDefinition.INTEGER, Integer.class),
    BYTE("Byte", AttributeDefinition.BYTE, Byte.class),
    CHAR("Char", AttributeDefinition.CHARACTER, Character.class),
    BOOLEAN("Boolean", AttributeDefinition.BOOLEAN, Boolean.class),
    SHORT("Short", AttributeDefinition.SHORT, Short.class),
    PASSWORD("Password", AttributeDefinition.PASSWORD, String.class);

    /** The name on the wire, as Kura writes it. */
    final String wireName;
    private final int metatype;
    final Class<?> javaClass;

    PropertyType(String wireName, int metatype, Class<?> javaClass) {
        this.wireName = wireName;
        this.metatype = metatype;
        this.javaClass = javaClass;
    }

    static Optional<PropertyType> ofMetatype(int type) {
        for (PropertyType t : values()) {
            if (t.metatype == type) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Kura's name ({@code Long}) or the upper-case enum name ({@code LONG}, as CONF-V2's JSON has it). */
    static Optional<PropertyType> ofName(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("CHARACTER")) {
            return Optional.of(CHAR);
        }
        for (PropertyType t : values()) {
            if (t.name().equals(upper)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of a stored value (an element's type for arrays); strings are {@link #STRING}. */
    static PropertyType ofValue(Object value) {
        Class<?> c = value.getClass().isArray() ? value.getClass().getComponentType() : value.getClass();
        if (value instanceof Iterable<?> list) {
            var it = list.iterator();
            Object first = it.hasNext() ? it.next() : null;
            c = first == null ? String.class : first.getClass();
        }
        c = boxed(c);
        for (PropertyType t : values()) {
            if (t.javaClass == c) {
                return t;
            }
        }
        return STRING;
    }

    /** @throws IllegalArgumentException saying the text is not of this type */
    Object parse(String text) {
        String t = text.trim();
        try {
            return switch (this) {
                case STRING, PASSWORD -> text;
                case LONG -> Long.valueOf(t);
                case DOUBLE -> Double.valueOf(t);
                case FLOAT -> Float.valueOf(t);
                case INTEGER -> Integer.valueOf(t);
                case BYTE -> Byte.valueOf(t);
                case SHORT -> Short.valueOf(t);
                case CHAR -> {
                    if (text.length() != 1) {
                        throw new NumberFormatException();
                    }
                    yield text.charAt(0);
                }
                case BOOLEAN -> {
                    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                        yield Boolean.valueOf(t);
                    }
                    throw new NumberFormatException();
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shorten(text) + "' is not of type " + wireName);
        }
    }

    /** An empty array of this type's class, to build stored arrays. */
    Object newArray(int length) {
        return Array.newInstance(javaClass, length);
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        if (c == long.class) {
            return Long.class;
        }
        if (c == int.class) {
            return Integer.class;
        }
        if (c == double.class) {
            return Double.class;
        }
        if (c == float.class) {
            return Float.class;
        }
        if (c == boolean.class) {
            return Boolean.class;
        }
        if (c == short.class) {
            return Short.class;
        }
        if (c == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }
}
