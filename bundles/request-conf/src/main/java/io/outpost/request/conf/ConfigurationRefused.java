package io.outpost.request.conf;

/** A request the configuration cannot take (bad body, value, pid or snapshot id); its message names the field. Nothing changed. */
final class ConfigurationRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** Whether the thing named does not exist (404), rather than being malformed (400). */
    private final boolean notFound;

    ConfigurationRefused(String message) {
        this(message, false);
    }

    private ConfigurationRefused(String message, boolean notFound) {
        super(message, null, false, false);
        this.notFound = notFound;
    }

    static ConfigurationRefused notFound(String message) {
        return new ConfigurationRefused(message, true);
    }

    boolean notFound() {
        return notFound;
    }
}
