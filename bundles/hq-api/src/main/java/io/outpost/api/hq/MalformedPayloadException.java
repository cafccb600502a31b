package io.outpost.api.hq;

/** A payload that its decoder cannot read; the message says where and why, without echoing the bytes. */
public final class MalformedPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedPayloadException(String message) {
        super(message);
    }
}
