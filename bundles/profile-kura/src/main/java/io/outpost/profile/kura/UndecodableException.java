package io.outpost.profile.kura;

/** An inbound payload that cannot be decoded (too large, bad gzip, not KuraPayload, not JSON); carries no stack trace. */
final class UndecodableException extends Exception {

    UndecodableException(String message) {
        super(message, null, false, false);
    }
}
