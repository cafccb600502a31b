package io.outpost.request.dispatcher;

/**
 * Whether a string can be one MQTT topic level of a reply topic: not empty, at most {@link #MAX_LENGTH} characters,
 * no {@code /}, {@code +}, {@code #}, no control characters (MQTT forbids NUL; the others only confuse logs).
 */
final class TopicLevel {

    static final int MAX_LENGTH = 128;

    private TopicLevel() {
    }

    static boolean isValid(String level) {
        if (level == null || level.isEmpty() || level.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < level.length(); i++) {
            char c = level.charAt(i);
            if (c == '/' || c == '+' || c == '#' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
