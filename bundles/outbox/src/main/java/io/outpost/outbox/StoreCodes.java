package io.outpost.outbox;

import io.outpost.api.data.ValueType;
import io.outpost.api.upstream.MessageClass;

/**
 * The byte codes the store writes for a message class and a value type. Explicit and fixed for ever, so that a
 * new constant (or a new order of the constants) never re-labels a stored record: a new constant takes the next
 * free code. The codes of format 1 were the enum ordinals of that time; they are frozen here unchanged, so a
 * format-1 record and a format-2 record mean the same bytes. The switches have no default: a constant added to
 * the API without a code here does not compile.
 */
final class StoreCodes {

    private StoreCodes() {
    }

    static int of(MessageClass messageClass) {
        return switch (messageClass) {
            case ALARM -> 0;
            case REPLY -> 1;
            case LIFECYCLE -> 2;
            case EVENT -> 3;
            case TELEMETRY -> 4;
        };
    }

    /** @throws IllegalArgumentException for a code no class has */
    static MessageClass messageClass(int code) {
        return switch (code) {
            case 0 -> MessageClass.ALARM;
            case 1 -> MessageClass.REPLY;
            case 2 -> MessageClass.LIFECYCLE;
            case 3 -> MessageClass.EVENT;
            case 4 -> MessageClass.TELEMETRY;
            default -> throw new IllegalArgumentException("unknown message class code " + code);
        };
    }

    /** True when some class has this code. */
    static boolean isMessageClass(int code) {
        return code >= 0 && code <= 4;
    }

    static int of(ValueType type) {
        return switch (type) {
            case BOOLEAN -> 0;
            case INT32 -> 1;
            case INT64 -> 2;
            case FLOAT -> 3;
            case DOUBLE -> 4;
            case STRING -> 5;
            case BYTES -> 6;
        };
    }

    /** @throws IllegalArgumentException for a code no type has */
    static ValueType valueType(int code) {
        return switch (code) {
            case 0 -> ValueType.BOOLEAN;
            case 1 -> ValueType.INT32;
            case 2 -> ValueType.INT64;
            case 3 -> ValueType.FLOAT;
            case 4 -> ValueType.DOUBLE;
            case 5 -> ValueType.STRING;
            case 6 -> ValueType.BYTES;
            default -> throw new IllegalArgumentException("unknown value type code " + code);
        };
    }
}
