package io.outpost.hq.rest;

/** A request parameter that cannot be used; answered 400 with the parameter's name. */
final class BadParameter extends Exception {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    BadParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
