package io.outpost.api.driver;

/** A driver could not do what was asked: the message says what and, where known, names the channel. */
public class DriverException extends Exception {

    private static final long serialVersionUID = 1L;

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
