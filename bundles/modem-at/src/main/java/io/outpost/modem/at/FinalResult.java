package io.outpost.modem.at;

/** Which lines end a command (V1 verbose result codes, 3GPP TS 27.007 and 27.005 errors). */
final class FinalResult {

    private FinalResult() {
    }

    static AtResponse.Outcome of(String line) {
        return switch (line) {
            case "OK" -> AtResponse.Outcome.OK;
            case "ERROR", "NO CARRIER", "NO DIALTONE", "BUSY", "NO ANSWER" -> AtResponse.Outcome.ERROR;
            default -> line.startsWith("+CME ERROR:") || line.startsWith("+CMS ERROR:") ? AtResponse.Outcome.ERROR : null;
        };
    }

    /** The information prefix a command's own answer starts with: {@code AT+CREG?} answers {@code +CREG:}. */
    static String answerPrefix(String command) {
        String c = command.trim().toUpperCase(java.util.Locale.ROOT);
        if (!c.startsWith("AT+")) {
            return null;
        }
        int end = 3;
        while (end < c.length() && (Character.isLetterOrDigit(c.charAt(end)))) {
            end++;
        }
        return "+" + c.substring(3, end) + ":";
    }
}
