package io.outpost.driver.modbus;

/**
 * A request that failed: either the device answered with a Modbus exception code, or the line failed (no answer,
 * connection lost), in which case the connection is dropped and reopened on the next poll.
 */
final class ModbusFault extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exceptionCode;

    private ModbusFault(String message, int exceptionCode, Throwable cause) {
        super(message, cause);
        this.exceptionCode = exceptionCode;
    }

    /** The device answered with an exception response. */
    static ModbusFault exception(int code) {
        return new ModbusFault("Modbus exception " + code + ": " + meaning(code), code, null);
    }

    /** The line failed: the message says what happened. */
    static ModbusFault line(String message, Throwable cause) {
        return new ModbusFault(message, 0, cause);
    }

    /** The Modbus exception code, or 0 when the line failed. */
    int exceptionCode() {
        return exceptionCode;
    }

    boolean isLineFailure() {
        return exceptionCode == 0;
    }

    /** The meaning of a Modbus exception code, as the protocol specification names it. */
    static String meaning(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "server device failure";
            case 5 -> "acknowledge";
            case 6 -> "server device busy";
            case 7 -> "negative acknowledge";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown exception code";
        };
    }
}
