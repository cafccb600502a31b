package io.outpost.hq.alerts.rest;

/**
 * A request that cannot be used; answered 400. {@code kind} says where the mistake is: {@code parameter} (the
 * query string or the path) or {@code field} (the JSON body), {@code name} which one (null: the body as a whole).
 */
final class BadRequest extends Exception {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;

    private BadRequest(String kind, String name, String message) {
        super(message);
        this.kind = kind;
        this.name = name;
    }

    static BadRequest parameter(String name, String message) {
        return new BadRequest("parameter", name, message);
    }

    static BadRequest field(String name, String message) {
        return new BadRequest("field", name, message);
    }

    String kind() {
        return kind;
    }

    String name() {
        return name;
    }
}
