package io.outpost.api.hq.alert;

/** A notifier could not deliver; the message says why (the peer's answer, a timeout). */
public class NotifyException extends Exception {

    private static final long serialVersionUID = 1L;

    public NotifyException(String message) {
        super(message);
    }

    public NotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
